using System.Globalization;
using System.Net;
using Registers.Client.Reads;
using Registers.Client.Verification;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Client;

/// <summary>The reads verification needs, over HTTP: the client is an <see cref="IRegisterSource"/>.</summary>
public sealed partial class RegistersClient : IRegisterSource
{
    private const string MerkleSha256 = "merkle:sha-256";
    private const string UnknownRecordTitle = "Unknown record";

    /// <summary>The log key the server publishes. Pin it out of band: a key fetched from the server it checks proves nothing.</summary>
    /// <exception cref="Problems.RegistersException">The server answered with an error.</exception>
    public async Task<string> GetPublishedLogKeyAsync(CancellationToken cancellationToken = default) =>
        (await GetBytesAsync(".well-known/registers/log-key", cancellationToken).ConfigureAwait(false)).AsText().Trim();

    /// <summary>What <paramref name="register"/> says about itself: sizes, fields, custodian, the latest checkpoint (not verified).</summary>
    /// <exception cref="Problems.RegistersException">No such register, or another error.</exception>
    /// <exception cref="System.Text.Json.JsonException">The answer is not the JSON the API defines: not JSON, or a member missing or null.</exception>
    public async Task<RegisterInfo> GetRegisterAsync(string register, CancellationToken cancellationToken = default) =>
        ReadJson<RegisterInfo>(await GetBytesAsync(RegisterPath(register), cancellationToken).ConfigureAwait(false), "register resource");

    /// <inheritdoc/>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    public Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken = default) =>
        GetCheckpointAsync(register, EntryLog.User, size, cancellationToken);

    /// <summary>The signed checkpoint note of <paramref name="log"/>: the latest (<paramref name="size"/> null) or that of the tree of that size.</summary>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    /// <exception cref="Problems.NotARegisterServerException">An answer no register server gives: a web page, or a text that is no signed note.</exception>
    public async Task<string> GetCheckpointAsync(string register, EntryLog log, long? size, CancellationToken cancellationToken = default)
    {
        var path = RegisterPath(register) + (log == EntryLog.System ? "/system" : "") + "/checkpoint"
            + (size is { } at ? "/" + at.ToString(CultureInfo.InvariantCulture) : "");
        return await GetSignedNoteAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The signed note saying how many system entries (metadata) <paramref name="register"/> held once its user log reached
    /// <paramref name="userSize"/>: check it with <see cref="Verification.CheckpointTrust.VerifyMetadataSize"/>.
    /// </summary>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    public Task<string> GetMetadataSizeAsync(string register, long userSize, CancellationToken cancellationToken = default) =>
        GetSignedNoteAsync($"{RegisterPath(register)}/metadata-size/{userSize.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    public async Task<ServedRecord?> GetRecordAsync(string register, string key, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (RecordPath(register, key) is not { } record)
        {
            return null;
        }

        // Always name the format: the server reads a last segment ending in ".json", ".csv", ".html"... as a format
        // suffix, so the key "report.csv" asked for bare would be read as the key "report" in CSV.
        var path = $"{record}.json?as-of={treeSize.ToString(CultureInfo.InvariantCulture)}";
        using var response = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && await IsUnknownRecordAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var at = TreeSizeHeader.Read(register, response);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ServedJson.Record(register, body, at);
    }

    /// <inheritdoc/>
    /// <exception cref="Problems.RegistersException">No such register or entry, or another error.</exception>
    public async Task<ServedEntry> GetEntryAsync(string register, long number, CancellationToken cancellationToken = default)
    {
        var body = await GetBytesAsync($"{RegisterPath(register)}/entries/{number.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        return ServedJson.Entries(register, body) is [var entry]
            ? entry
            : throw new VerificationException(VerificationProblem.MalformedAnswer, register, $"Entry {number} was not answered with exactly one entry.");
    }

    /// <inheritdoc/>
    /// <exception cref="Problems.RegistersException">No such register, entry or size, or another error.</exception>
    public async Task<IReadOnlyList<Digest>> GetInclusionProofAsync(string register, long number, long treeSize, CancellationToken cancellationToken = default)
    {
        var path = $"{RegisterPath(register)}/proof/entry/{number.ToString(CultureInfo.InvariantCulture)}/{treeSize.ToString(CultureInfo.InvariantCulture)}/{MerkleSha256}";
        return ServedJson.Proof(register, "merkle-audit-path", await GetBytesAsync(path, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    public Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken = default) =>
        GetConsistencyProofAsync(register, EntryLog.User, fromSize, toSize, cancellationToken);

    /// <summary>The consistency proof of <paramref name="log"/> from the tree of <paramref name="fromSize"/> entries to the tree of <paramref name="toSize"/>.</summary>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    public async Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, EntryLog log, long fromSize, long toSize, CancellationToken cancellationToken = default)
    {
        var path = $"{RegisterPath(register)}{(log == EntryLog.System ? "/system" : "")}/proof/consistency/{fromSize.ToString(CultureInfo.InvariantCulture)}/{toSize.ToString(CultureInfo.InvariantCulture)}/{MerkleSha256}";
        return ServedJson.Proof(register, "merkle-consistency-nodes", await GetBytesAsync(path, cancellationToken).ConfigureAwait(false));
    }

    private async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The path of <paramref name="key"/>'s record; null for a text no entry's key can be (<c>..</c>, <c>-x</c>): the
    /// register holds no such record, and its path might name another resource.
    /// </summary>
    private static string? RecordPath(string register, string key)
    {
        var registerPath = RegisterPath(register);
        return EntryKey.IsValid(EntryLog.User, key) ? $"{registerPath}/records/{Uri.EscapeDataString(key)}" : null;
    }

    /// <summary>The server's answer for a key the register did not hold, for one it is not asked about.</summary>
    private static Problems.RegistersException UnknownRecord(string register, string key, long treeSize) =>
        new(new Problems.RegistersProblem(HttpStatusCode.NotFound, UnknownRecordTitle,
            string.Create(CultureInfo.InvariantCulture, $"The user log of '{register}' has no record '{key}' at tree size {treeSize}."), [])
        {
            IsProblemDetails = true,
        });

    /// <exception cref="Problems.NotARegisterServerException">The answer is not shaped as a signed note.</exception>
    private async Task<string> GetSignedNoteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var text = (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).AsText();
        return Problems.RegisterServerAnswers.SignedNote($"GET {At(path)}", response, text);
    }

    // A 404 for an unknown register is an error; one for a key the register does not hold is an answer.
    private static async Task<bool> IsUnknownRecordAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var problem = await Problems.RegistersProblem.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return problem.Title == UnknownRecordTitle;
    }
}

/// <summary>Bytes as UTF-8 text.</summary>
internal static class Utf8Text
{
    public static string AsText(this byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
