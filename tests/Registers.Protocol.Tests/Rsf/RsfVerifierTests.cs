using System.Text;
using Registers.Protocol.Rsf;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Rsf;

public sealed class RsfVerifierTests
{
    [Fact]
    public void The_country_fixture_verifies_with_its_counts_root_and_progress()
    {
        using var file = File.OpenRead(GovukFiles.PathOf(GovukFiles.CountryFixture));
        var reports = new List<RsfProgress>();
        var result = RsfVerifier.Verify(file, new RsfVerifyOptions { ProgressInterval = 100 }, new Collect(reports), TestContext.Current.CancellationToken);

        Assert.True(result.IsValid);
        Assert.Equal((208UL, 0L, 0L), (result.UserEntries, result.ErrorCount, result.WarningCount));
        Assert.Equal("sha-256:8d92e1e0af1d43c41e498e6baed0d0b3ea2770d1bf9d2afc04e9c4dad7795729", result.UserRoot.ToString());
        Assert.Equal(file.Length, reports[^1].Bytes);
        Assert.Equal(result.Lines, reports[^1].Lines);
        Assert.Equal([100L, 200L, 300L], reports.Take(3).Select(r => r.Lines));
    }

    [Fact]
    public void Every_problem_is_counted_but_only_the_first_are_kept()
    {
        var rsf = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 250).Select(i => $"bad line {i}\n")));
        var result = RsfVerifier.Verify(new MemoryStream(rsf), new RsfVerifyOptions { MaxProblemsKept = 10 });

        Assert.False(result.IsValid);
        Assert.Equal(250, result.ErrorCount);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), result.Errors.Select(e => e.Line));
    }

    private sealed class Collect(List<RsfProgress> reports) : IProgress<RsfProgress>
    {
        public void Report(RsfProgress value) => reports.Add(value);
    }
}
