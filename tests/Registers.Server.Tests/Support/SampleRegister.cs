namespace Registers.Server.Tests.Support;

/// <summary>
/// A small country register loaded from RSF in three writes, with every timestamp given and a fixed log key, so
/// every answer about it is the same on every run (golden files):
/// <list type="number">
/// <item>its definition (9 system entries) and user entries 1-5 (CZ twice);</item>
/// <item>a new custodian, then user entries 6-8 (a quote and comma in a value, an entry with two items, non-ASCII);</item>
/// <item>a new text for the field <c>name</c> only: metadata after the last user entry.</item>
/// </list>
/// </summary>
public sealed class SampleRegister(PostgresCluster cluster) : IAsyncLifetime
{
    /// <summary>The golang.org/x/mod note test key (a public test vector), so checkpoints and their signatures are fixed.</summary>
    public const string LogKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    public const string Name = "country";

    public const string Gb = """{"citizen-names":["Briton","British citizen"],"country":"GB","name":"United Kingdom","official-name":"The United Kingdom of Great Britain and Northern Ireland"}""";

    public const string Va = """{"country":"VA","name":"Vatican City","official-name":"The \"Holy See\", Vatican City State"}""";

    private readonly string _keyFolder = Path.Combine(Path.GetTempPath(), "registers-key-" + Guid.NewGuid().ToString("N")[..8]);

    public RunningServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    /// <summary>Write 1: the definition and user entries 1-5.</summary>
    public static string Write1 => new RsfBuilder()
        .System("name", "2016-04-05T13:23:05Z", """{"name":"country"}""")
        .System("register-name", "2016-04-05T13:23:05Z", """{"register-name":"Country"}""")
        .System("custodian", "2016-04-05T13:23:05Z", """{"custodian":"Jane Doe"}""")
        .System("field:country", "2016-04-05T13:23:05Z", """{"cardinality":"1","datatype":"string","field":"country","phase":"beta","register":"country","text":"The country's 2-letter ISO 3166-2 alpha2 code."}""")
        .System("field:name", "2016-04-05T13:23:05Z", """{"cardinality":"1","datatype":"string","field":"name","phase":"beta","text":"The commonly-used name of a record."}""")
        .System("field:official-name", "2016-04-05T13:23:05Z", """{"cardinality":"1","datatype":"string","field":"official-name","phase":"beta","text":"The official or technical name of a record."}""")
        .System("field:citizen-names", "2016-04-05T13:23:05Z", """{"cardinality":"n","datatype":"string","field":"citizen-names","phase":"beta","text":"The names of a country's citizens."}""")
        .System("field:start-date", "2016-04-05T13:23:05Z", """{"cardinality":"1","datatype":"datetime","field":"start-date","phase":"beta","text":"The date a record first became relevant to a register."}""")
        .System("register:country", "2016-04-05T13:23:05Z", """{"fields":["country","name","official-name","citizen-names","start-date"],"phase":"beta","register":"country","registry":"foreign-commonwealth-office","text":"British English names of countries recognised by the UK"}""")
        .User("GB", "2016-04-05T13:23:05Z", Gb)
        .User("FR", "2016-04-05T13:23:05Z", """{"citizen-names":["French"],"country":"FR","name":"France","official-name":"The French Republic"}""")
        .User("CZ", "2016-04-05T13:23:05Z", """{"citizen-names":["Czechoslovak"],"country":"CZ","name":"Czechoslovakia","official-name":"The Czechoslovak Socialist Republic"}""")
        .User("DE", "2016-04-05T13:23:05Z", """{"country":"DE","name":"Germany","official-name":"The Federal Republic of Germany","start-date":"1990-10-03"}""")
        .User("CZ", "2017-02-01T10:00:00Z", """{"citizen-names":["Czech"],"country":"CZ","name":"Czechia","official-name":"The Czech Republic","start-date":"1993-01-01"}""")
        .ToString();

    /// <summary>Write 2: a new custodian and user entries 6-8.</summary>
    public static string Write2 => new RsfBuilder()
        .System("custodian", "2018-01-02T09:00:00Z", """{"custodian":"John Smith"}""")
        .User("VA", "2018-01-02T09:00:00Z", Va)
        .User("YU", "2018-01-02T09:00:01Z", """{"country":"YU","name":"Yugoslavia"}""", """{"country":"YU","name":"Jugoslavija"}""")
        .User("CI", "2018-01-02T09:00:02Z", """{"country":"CI","name":"Côte d'Ivoire","official-name":"The Republic of Côte d'Ivoire"}""")
        .ToString();

    /// <summary>Write 3: metadata only.</summary>
    public static string Write3 => new RsfBuilder()
        .System("field:name", "2019-03-04T05:06:07Z", """{"cardinality":"1","datatype":"string","field":"name","phase":"beta","text":"The name of a country."}""")
        .ToString();

    public async ValueTask InitializeAsync()
    {
        Server = await StartAsync(cluster, _keyFolder);
        foreach (var write in new[] { Write1, Write2, Write3 })
        {
            var response = await Client.LoadAsync(Name, write);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Starts a server signing with <see cref="LogKey"/>, whose key file goes in <paramref name="keyFolder"/>.</summary>
    public static async Task<RunningServer> StartAsync(PostgresCluster cluster, string keyFolder, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(keyFolder);
        var keyFile = Path.Combine(keyFolder, "log-key");
        await OwnerOnlyFile.WriteAsync(keyFile, LogKey + "\n");
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Registers:LogKeyFile"] = keyFile };
        return await RunningServer.StartAsync(cluster, all);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_keyFolder, recursive: true);
    }
}
