using Microsoft.Win32.SafeHandles;
using Registers.Cli.Import;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Load;

/// <summary>
/// A load's check of the entries it is to send against the register's fields, before anything is sent, as the server
/// judges them: each user entry's items against the fields in force where it stands, those the register has where the
/// load starts, then as the file's own <c>field:</c> entries define them, each of those a valid definition under its own
/// key. A lenient load's history may break the fields (the server lets it through as warnings): then only what the server
/// refuses even so is a problem, a user entry before the register has its key field. Each problem is written as it is
/// found, in the order of the lines, the first <see cref="MostListed"/> of them; all are counted. The file is read
/// through, not held: of each item only where it lies is kept, and it is read again when an entry cites it.
/// </summary>
/// <remarks>The file must have passed <see cref="RsfVerifier"/>: lines here are taken as well formed.</remarks>
internal sealed class LoadCheck
{
    /// <summary>The problems written before the rest are only counted: a wrong file can have one on every line.</summary>
    public const int MostListed = 100;

    /// <summary>Lines between reports of progress, and checks for an interrupt.</summary>
    private const int ReportEvery = 4096;

    private readonly Action<string> _write;
    private readonly bool _lenient;
    private RegisterSchema _schema;
    private long _lastLine = -1;

    private LoadCheck(RegisterSchema schema, bool lenient, Action<string> write) => (_schema, _lenient, _write) = (schema, lenient, write);

    /// <summary>The problems found.</summary>
    public long Problems { get; private set; }

    /// <summary>The lines they were found in.</summary>
    public long ProblemLines { get; private set; }

    /// <summary>
    /// The register the file's <c>name</c> system entry names, when it is another (the check stops there: the server
    /// refuses such an entry even in a lenient load, and every user entry after it would be a problem too).
    /// </summary>
    public OtherRegister? Other { get; private set; }

    /// <summary>
    /// Checks the entries of the file at <paramref name="path"/> after its first <paramref name="entriesBefore"/> (those the
    /// register already holds), starting from <paramref name="schema"/>, the register's fields there; writes each problem
    /// with <paramref name="write"/>. Tells <paramref name="progress"/> how far it has read, and stops when
    /// <paramref name="cancellationToken"/> is cancelled, every <see cref="ReportEvery"/> lines.
    /// </summary>
    public static LoadCheck Run(
        string path, RegisterSchema schema, long entriesBefore, bool lenient, Action<string> write, IProgress<RsfProgress> progress,
        CancellationToken cancellationToken)
    {
        var check = new LoadCheck(schema, lenient, write);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new RsfReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));
        var items = new Dictionary<Digest, (long Offset, int Length)>();
        var justAdded = new List<Item>(); // the items added since the last entry, which most often cites them
        var entries = 0L;
        while (check.Other is null && reader.Read())
        {
            if (reader.LineNumber % ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress.Report(new RsfProgress(reader.LineNumber, reader.BytesConsumed));
            }

            var command = reader.Current;
            if (command.Kind == RsfCommandKind.AddItem)
            {
                var item = Item.Create(command.ItemJson.Span);
                var lineEnd = command.LineEnd switch { RsfLineEnd.CrLf => 2, RsfLineEnd.Lf => 1, _ => 0 };
                items.TryAdd(item.Hash, (reader.BytesConsumed - lineEnd - command.ItemJson.Length, command.ItemJson.Length));
                justAdded.Add(item);
            }
            else if (command.Kind == RsfCommandKind.AppendEntry)
            {
                // Those the register holds were judged when they were sent; the fields they define are in the register's.
                if (++entries > entriesBefore)
                {
                    check.Check(command, hash => justAdded.Find(item => item.Hash == hash) ?? Read(handle, items[hash]));
                }

                justAdded.Clear();
            }
        }

        progress.Report(new RsfProgress(reader.LineNumber, reader.BytesConsumed));
        if (check.Other is null && check.Problems > MostListed)
        {
            write($"... and {Counted.Of(check.Problems - MostListed, "more problem")}");
        }

        return check;
    }

    /// <summary>The register the file at <paramref name="path"/> names in its <c>name</c> system entry, when that is not <paramref name="register"/>.</summary>
    public static OtherRegister? OtherRegisterOf(string path, string register, CancellationToken cancellationToken) =>
        Run(path, new RegisterSchema(register, []), 0, lenient: true, _ => { }, new Progress<RsfProgress>(), cancellationToken).Other;

    /// <summary>Judges one entry, as the server's batch decider does, and puts a field it defines in force for the entries after it.</summary>
    private void Check(in RsfCommand entry, Func<Digest, Item> itemOf)
    {
        var key = entry.Key.ToString();
        foreach (var hash in entry.ItemHashes.Span)
        {
            var item = itemOf(hash);
            if (entry.Log == EntryLog.System)
            {
                Other ??= OtherRegister.Of(_schema.Register, key, item, entry.LineNumber);
                Define(entry.LineNumber, key, item);
            }
            else if (!_schema.Fields.ContainsKey(_schema.KeyField))
            {
                Add(entry.LineNumber, key, null, $"register '{_schema.Register}' has no field '{_schema.KeyField}' yet: define its fields (system entries field:*) first");
            }
            else if (!_lenient)
            {
                foreach (var error in ItemValidator.Validate(_schema, key, item))
                {
                    Add(entry.LineNumber, key, error.Field, (error with { Value = error.Value is null ? null : QuotedCell.Of(error.Value) }).Message);
                }
            }
        }
    }

    /// <summary>
    /// A <c>field:</c> entry's definition, in force from here. One that is no definition, or is under another field's key,
    /// is a problem as the server's batch decider finds it (but for a lenient load, whose history the server lets through
    /// as warnings); one under the wrong key counts all the same, as it does for the server.
    /// </summary>
    private void Define(long line, string key, Item item)
    {
        if (!key.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (!FieldDefinition.TryParse(item, key, out var field, out var errors) && !_lenient)
        {
            foreach (var error in errors)
            {
                Add(line, key, error.Field, (error with { Value = error.Value is null ? null : QuotedCell.Of(error.Value) }).Message);
            }
        }

        if (field is not null || FieldDefinition.TryParse(item, null, out field, out _))
        {
            _schema = _schema.WithField(field);
        }
    }

    private static Item Read(SafeFileHandle handle, (long Offset, int Length) place)
    {
        var bytes = new byte[place.Length];
        RandomAccess.Read(handle, bytes, place.Offset);
        return Item.Create(bytes);
    }

    private void Add(long line, string key, string? field, string detail)
    {
        Problems++;
        ProblemLines += line == _lastLine ? 0 : 1;
        _lastLine = line;
        if (Problems <= MostListed)
        {
            _write($"line {line}, key '{QuotedCell.Of(key)}'{(field is null ? "" : $", field '{QuotedCell.Of(field)}'")}: {detail}");
        }
    }
}
