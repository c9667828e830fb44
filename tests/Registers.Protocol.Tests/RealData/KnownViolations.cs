namespace Registers.Protocol.Tests.RealData;

/// <summary>
/// The places where GOV.UK's own published data breaks a rule this library enforces. They were
/// found by the real-data tests, checked by hand against the RSF files, and are listed here so that
/// the tests pin them exactly instead of the rules being loosened to let them through.
/// Each line: register, entry key, field, value, rule.
/// </summary>
internal static class KnownViolations
{
    public static IEnumerable<string> All =>
    [
        // information-sharing-agreement-specified-person-0001, entries for keys 18 and 86: cardinality-n
        // CURIEs with a leading space, left by splitting "a; b" on ';' without trimming. A CURIE prefix
        // starts with a lower-case letter (curie-datatype), and openregister-java did not check it.
        .. new[] { "1", "2", "3", "4", "6", "7" }.Select(n =>
            $"information-sharing-agreement-specified-person-0001 18 relevant-powers ' information-sharing-agreement-powers-and-objectives-0001:{n}' Datatype"),
        "information-sharing-agreement-specified-person-0001 86 relevant-powers ' information-sharing-agreement-powers-and-objectives-0001:2' Datatype",

        // government-domain, 25 entries added on 2018-09-03: "government-organisation: D2" and the like,
        // a space after the colon. A CURIE reference is a URL string, which has no spaces.
        .. new (string Key, string Organisation)[]
        {
            ("17816", "D2"), ("17826", "D2"), ("17859", "D1198"), ("17863", "D1198"), ("17887", "EA80"),
            ("17903", "D2"), ("17919", "D1198"), ("17925", "D2"), ("17977", "EA54"), ("17979", "D9"),
            ("18016", "D1198"), ("18026", "D15"), ("18027", "D15"), ("18037", "OT1056"), ("18084", "D1198"),
            ("18085", "D2"), ("18117", "D1198"), ("18136", "D1198"), ("18146", "D18"), ("18150", "D69"),
            ("18166", "D16"), ("18193", "D16"), ("18194", "D16"), ("18201", "D16"), ("18228", "PB558"),
        }.Select(v => $"government-domain {v.Key} organisation 'government-organisation: {v.Organisation}' Datatype"),

        // territory, system log line 107 (2017-08-29T11:30:00Z): the definition of start-date appended
        // under the key field:end-date; the next line (11:31:00Z) appends the real end-date definition.
        "territory field:end-date field 'start-date' KeyFieldMismatch",
    ];

    public static string[] For(string register) =>
        [.. All.Where(v => v.StartsWith(register + " ", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
