namespace Registers.Server.Tests.Support;

/// <summary>A register "notes" whose items are texts of a chosen length, made through the HTTP API.</summary>
public static class NotesRegister
{
    /// <summary>Creates "notes" with <paramref name="records"/> records, each text <paramref name="length"/> characters; the texts by key.</summary>
    public static async Task<Dictionary<string, string>> CreateAsync(RunningServer server, int records, int length)
    {
        var created = await server.Client.PostAsJsonAsync("/registers", new
        {
            name = "notes",
            custodian = "Test custodian",
            fields = new object[]
            {
                new { field = "notes", datatype = "string", cardinality = "1" },
                new { field = "text", datatype = "text", cardinality = "1" },
            },
        });
        created.EnsureSuccessStatusCode();
        var notes = Enumerable.Range(1, records).ToDictionary(i => $"N{i:00}", i => new string((char)('a' + (i % 26)), length));
        var entries = notes.Select(note => new { key = note.Key, item = new Dictionary<string, string> { ["notes"] = note.Key, ["text"] = note.Value } });
        (await server.Client.PostAsJsonAsync("/registers/notes/entries", new { entries })).EnsureSuccessStatusCode();
        return notes;
    }
}
