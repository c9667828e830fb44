using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Items;
using Registers.Server.Signatures;

namespace Registers.Server.Tests.Signatures;

/// <summary>A custodian-key entry must change whether its key may write; the rule is judged item against item.</summary>
public sealed class CustodianKeyChangeTests
{
    private static readonly string Alice = VerifierKeyOf("custodian.test/alice");
    private static readonly string Bob = VerifierKeyOf("custodian.test/bob");

    public static TheoryData<string, string, string?> Changes => new()
    {
        // current item, next item, rule broken
        { Allowed(Alice, "2024-01-01"), Allowed(Alice, "2024-02-01"), CustodianKeyChange.AlreadyAllowed },
        { Revoked(Alice, "2024-01-01", "2024-03-01"), Revoked(Alice, "2024-01-01", "2024-04-01"), CustodianKeyChange.AlreadyRevoked },
        { Allowed(Alice, "2024-01-01"), Revoked(Alice, "2024-01-01", "2024-03-01"), null },
        { Revoked(Alice, "2024-01-01", "2024-03-01"), Allowed(Alice, "2024-05-01"), null },
        { Allowed(Alice, "2024-01-01"), Allowed(Bob, "2024-02-01"), null },
        { """{"note":"not a key"}""", Allowed(Alice, "2024-02-01"), null },
        { """{"custodian-key":["not","one"]}""", Allowed(Alice, "2024-02-01"), null },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_that_changes_nothing_breaks_a_rule(string current, string next, string? rule) =>
        Assert.Equal(rule, CustodianKeyChange.BrokenRule(ItemOf(current), ItemOf(next)));

    private static Item ItemOf(string json) => Item.FromJson(Encoding.UTF8.GetBytes(json));

    private static string VerifierKeyOf(string name)
    {
        using var key = SignerKey.Generate(name);
        return key.VerifierKey.ToString();
    }

    private static string Allowed(string key, string start) => $$"""{"custodian-key":"{{key}}","start-date":"{{start}}T00:00:00Z"}""";

    private static string Revoked(string key, string start, string end) =>
        $$"""{"custodian-key":"{{key}}","end-date":"{{end}}T00:00:00Z","start-date":"{{start}}T00:00:00Z"}""";
}
