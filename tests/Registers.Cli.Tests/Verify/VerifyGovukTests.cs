using Registers.Cli.Tests.Support;
using Registers.Protocol.Tests.Support;

namespace Registers.Cli.Tests.Verify;

public sealed class VerifyGovukTests
{
    public static TheoryData<string> Files() => GovukFiles.All();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_govuk_file_verifies_and_prints_the_root_govuk_asserted(string file)
    {
        var run = RegistersCli.Run("verify", GovukFiles.PathOf(file));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith("ok\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("errors:", run.Out, StringComparison.Ordinal);
        var root = GovukFiles.LastAssertedRoot(file) ?? "sha-256:8d92e1e0af1d43c41e498e6baed0d0b3ea2770d1bf9d2afc04e9c4dad7795729";
        Assert.Contains($"\nroot: {root}\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_country_fixture_prints_its_counts_and_root_exactly()
    {
        var run = RegistersCli.Run("verify", GovukFiles.PathOf(GovukFiles.CountryFixture));

        Assert.Equal(
            """
            user entries: 208
            system entries: 16
            items: 224
            root: sha-256:8d92e1e0af1d43c41e498e6baed0d0b3ea2770d1bf9d2afc04e9c4dad7795729
            ok

            """,
            run.Out);
        Assert.Equal((0, ""), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Known_no_op_repeats_in_govuk_history_are_listed_as_warnings_and_do_not_fail()
    {
        var run = RegistersCli.Run("verify", GovukFiles.PathOf("archive-2021/government-service/government-service.rsf"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warnings: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("user entry for key '1171' gives it the item it already has (a no-op)", run.Out, StringComparison.Ordinal);
    }
}
