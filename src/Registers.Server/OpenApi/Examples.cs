namespace Registers.Server.OpenApi;

/// <summary>Example answers for the OpenAPI document, taken from the sample country register the tests serve (its checkpoint signed with the golang.org/x/mod test key).</summary>
internal static class Examples
{
    public const string Entries = """
        [{"index-entry-number":"7","entry-number":"7","entry-timestamp":"2018-01-02T09:00:01Z","key":"YU",
          "item-hash":["sha-256:aebd833cc3d2d4817833884f5548d4856340cda7077502245b3076232771fc69","sha-256:2a4fd593585c7aaac3078a99078fa14aced3b9325fafb57dcbba176f1464038d"],
          "chain-hash":"sha-256:0215a4b4230ac625bb5594f56d7e7a67eeac998f56f92fa3f8a1c1437f70374c",
          "links":{"items":["/registers/country/items/sha-256:aebd833cc3d2d4817833884f5548d4856340cda7077502245b3076232771fc69","/registers/country/items/sha-256:2a4fd593585c7aaac3078a99078fa14aced3b9325fafb57dcbba176f1464038d"],
                   "proof":"/registers/country/proof/entry/7/8/merkle:sha-256","checkpoint":"/registers/country/checkpoint/8"}}]
        """;

    public const string EntriesCsv =
        "index-entry-number,entry-number,entry-timestamp,key,item-hash,chain-hash\r\n" +
        "6,6,2018-01-02T09:00:00Z,VA,sha-256:9273ceaef73a748c1caf337cbab56f6e129c6a4c1a60ada2ff119ad2f84c119e,sha-256:cf83a6f06b9432d4071c3c49ab40794366c3f0f3980d740c33ecc31d786075f9\r\n";

    public const string Records = """
        {"CZ":{"index-entry-number":"5","entry-number":"5","entry-timestamp":"2017-02-01T10:00:00Z","key":"CZ",
               "item":[{"citizen-names":["Czech"],"country":"CZ","name":"Czechia","official-name":"The Czech Republic","start-date":"1993-01-01"}]},
         "DE":{"index-entry-number":"4","entry-number":"4","entry-timestamp":"2016-04-05T13:23:05Z","key":"DE",
               "item":[{"country":"DE","name":"Germany","official-name":"The Federal Republic of Germany","start-date":"1990-10-03"}]}}
        """;

    public const string RecordsCsv =
        "index-entry-number,entry-number,entry-timestamp,key,country,name,official-name,citizen-names,start-date\r\n" +
        "1,1,2016-04-05T13:23:05Z,GB,GB,United Kingdom,The United Kingdom of Great Britain and Northern Ireland,Briton;British citizen,\r\n" +
        "6,6,2018-01-02T09:00:00Z,VA,VA,Vatican City,\"The \"\"Holy See\"\", Vatican City State\",,\r\n";

    public const string Item = """{"citizen-names":["Briton","British citizen"],"country":"GB","name":"United Kingdom","official-name":"The United Kingdom of Great Britain and Northern Ireland"}""";

    public const string Register = """
        {"domain":"registers.test","total-records":7,"total-entries":8,
         "register-record":{"fields":["country","name","official-name","citizen-names","start-date"],"phase":"beta","register":"country","registry":"foreign-commonwealth-office","text":"British English names of countries recognised by the UK"},
         "custodian":"John Smith","last-updated":"2018-01-02T09:00:02Z",
         "log-key":"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
         "checkpoint":"registers.test/registers/country\n8\nl5raa1xyNvgHn/r7HEsWpJz1rGiAu2UKSQadsPMpxyg=\n\n— PeterNeumann x08go941WNrJXBm632gdwXmufIDvI0qJMrz6MvHtqicjsr6fwbzUIb5g73KPshmcFE8HVnkKe2EmzSoKZstt+N4LeQ8=\n"}
        """;

    public const string Index = """
        {"registers":[{"name":"country","title":"Country","total-entries":8,"total-records":7,
          "links":{"register":"/registers/country/register","records":"/registers/country/records","entries":"/registers/country/entries","download-rsf":"/registers/country/download-rsf","checkpoint":"/registers/country/checkpoint"}}],
         "links":{"openapi":"/openapi/v1.json","reference":"/scalar/v1"}}
        """;

    public const string WriteLimits = """
        {"max-body-bytes":16777216,"max-rsf-bytes":4294967296,"max-entries-per-write":10000,"concurrent-loads-per-key":2,"concurrent-body-bytes-per-key":67108864}
        """;

    public const string Rsf =
        "assert-root-hash\tsha-256:ca11507f6ffc2e918b0db565a951d4cdd7dd5647f542d9080a2681ad8429a258\n" +
        "add-item\t{\"custodian\":\"John Smith\"}\n" +
        "add-item\t{\"country\":\"VA\",\"name\":\"Vatican City\",\"official-name\":\"The \\\"Holy See\\\", Vatican City State\"}\n" +
        "append-entry\tsystem\tcustodian\t2018-01-02T09:00:00Z\tsha-256:7652aabbc817e434b1b6aedffe58582412c79be9d2ebcb12071d3f7fe7fe96d8\n" +
        "append-entry\tuser\tVA\t2018-01-02T09:00:00Z\tsha-256:9273ceaef73a748c1caf337cbab56f6e129c6a4c1a60ada2ff119ad2f84c119e\n" +
        "assert-root-hash\tsha-256:82bbf144088b5a440f6a121d6590b14de09bdce6b86f6e945ec8c03442687230\n";
}
