using System.Text.Json;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf;

namespace Registers.Generator;

/// <summary>What a generated register says about itself: its system entries.</summary>
/// <param name="Name">The register's name, also its key field's name.</param>
/// <param name="Title">The <c>register-name</c>, for people.</param>
/// <param name="Text">What the register holds (the register item's <c>text</c>).</param>
/// <param name="Fields">The fields, key field first.</param>
public sealed record RegisterMetadata(string Name, string Title, string Text, IReadOnlyList<FieldDefinition> Fields)
{
    /// <summary>Who keeps every register the project ships.</summary>
    public const string Custodian = "The Registers project";
}

/// <summary>
/// Writes one register as RSF, the way every generator here does: <c>assert-root-hash</c> of the empty
/// tree, the system entries (<c>name</c>, <c>register-name</c>, <c>custodian</c>, one <c>field:*</c> per field,
/// <c>register:&lt;name&gt;</c>), then each user entry after the <c>add-item</c> of its item, with an
/// <c>assert-root-hash</c> every 100,000 user entries and at the end, so a load checks itself.
/// </summary>
public sealed class RegisterFile : IDisposable
{
    private const int AssertEvery = 100_000;

    private readonly RsfWriter _writer;
    private readonly CompactRange _tree = new();

    /// <summary>Starts the file: the empty-tree assertion and the system entries, all at <paramref name="systemTime"/>.</summary>
    public RegisterFile(Stream stream, RegisterMetadata metadata, EntryTimestamp systemTime)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _writer = new RsfWriter(stream, leaveOpen: true);
        _writer.WriteAssertRootHash(_tree.Root());
        WriteSystem("name", Of(("name", metadata.Name)), systemTime);
        WriteSystem("register-name", Of(("register-name", metadata.Title)), systemTime);
        WriteSystem("custodian", Of(("custodian", RegisterMetadata.Custodian)), systemTime);
        foreach (var field in metadata.Fields)
        {
            WriteSystem(field.Key, field.ToItem(), systemTime);
        }

        WriteSystem("register:" + metadata.Name, Of(("fields", metadata.Fields.Select(field => field.Name).ToArray()), ("register", metadata.Name), ("text", metadata.Text)), systemTime);
    }

    /// <summary>How many user entries have been written.</summary>
    public long Entries => (long)_tree.Size;

    /// <summary>Writes <paramref name="item"/> and the user entry that gives it to <paramref name="key"/>.</summary>
    public void Append(string key, EntryTimestamp timestamp, Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _writer.WriteAddItem(item);
        _writer.WriteAppendEntry(EntryLog.User, key, timestamp, [item.Hash]);
        _tree.Append(EntryLeaf.Hash((long)_tree.Size + 1, timestamp, key, [item.Hash]));
        if (_tree.Size % AssertEvery == 0)
        {
            _writer.WriteAssertRootHash(_tree.Root());
        }
    }

    /// <summary>Ends the file with the root of the user entries, unless that was just asserted, and returns it.</summary>
    public Digest Finish()
    {
        var root = _tree.Root();
        if (_tree.Size % AssertEvery != 0)
        {
            _writer.WriteAssertRootHash(root);
        }

        _writer.Flush();
        return root;
    }

    /// <summary>Flushes what is buffered.</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// An item of the given attributes, made canonical: a value is a string (cardinality 1) or a string
    /// array (cardinality n); null values and empty strings are left out, as absent attributes.
    /// </summary>
    public static Item Of(params (string Name, object? Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                switch (value)
                {
                    case string text when text.Length > 0:
                        json.WriteString(name, text);
                        break;
                    case string[] list:
                        json.WriteStartArray(name);
                        foreach (var element in list)
                        {
                            json.WriteStringValue(element);
                        }

                        json.WriteEndArray();
                        break;
                    case null or string:
                        break;
                    default:
                        throw new ArgumentException($"Attribute '{name}' is neither a string nor a string array.", nameof(attributes));
                }
            }

            json.WriteEndObject();
        }

        return Item.FromJson(buffer.ToArray());
    }

    private void WriteSystem(string key, Item item, EntryTimestamp timestamp)
    {
        _writer.WriteAddItem(item);
        _writer.WriteAppendEntry(EntryLog.System, key, timestamp, [item.Hash]);
    }
}
