using System.Net.Http.Headers;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;

namespace Registers.Client;

public sealed partial class RegistersClient
{
    /// <summary>The media type of RSF.</summary>
    public const string RsfMediaType = "application/uk-gov-rsf";

    private const string WriteLimitsPath = ".well-known/registers/write-limits";

    /// <summary>
    /// The limits the server holds write bodies to, for cutting batches to fit before they are sent; null when the server
    /// does not publish them (one older than <c>/.well-known/registers/write-limits</c> answers 404): a write past its limits
    /// is then first heard of as a 413.
    /// </summary>
    /// <exception cref="Problems.RegistersException">The server answered with an error other than 404.</exception>
    /// <exception cref="System.Text.Json.JsonException">The answer is not the JSON the API defines, or a limit in it is not positive.</exception>
    public async Task<WriteLimits?> GetWriteLimitsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await GetAsync(WriteLimitsPath, cancellationToken, newerResource: true).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var limits = ReadJson<WriteLimits>(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), "write limits");
        return limits is { MaxBodyBytes: > 0, MaxRsfBytes: > 0, MaxEntriesPerWrite: > 0, ConcurrentLoadsPerKey: null or > 0, ConcurrentBodyBytesPerKey: null or > 0 }
            ? limits
            : throw new System.Text.Json.JsonException($"The server's write limits are not all positive: {limits}.");
    }

    /// <summary>Creates a register (admin only) from its definition, JSON as the server's <c>POST /registers</c> takes it.</summary>
    /// <param name="definitionJson">The definition: <c>name</c>, <c>title</c>, <c>custodian</c>, <c>description</c>, <c>fields</c>, ...</param>
    /// <param name="options">Idempotency key and expected size, if any.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="Problems.RegistersException">Refused: 400 not a valid definition, 409 the register exists, 401/403 signature or key.</exception>
    public Task<WriteReceipt> CreateRegisterAsync(ReadOnlyMemory<byte> definitionJson, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Post, "registers", () => Json(definitionJson), options, null, cancellationToken);

    /// <summary>Allows <paramref name="key"/> to write <paramref name="register"/> (admin only); the change is a system entry.</summary>
    /// <exception cref="Problems.RegistersException">Refused.</exception>
    public Task<WriteReceipt> AddCustodianKeyAsync(string register, VerifierKey key, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { key = key.ToString() }, JsonOptions);
        return WriteAsync(HttpMethod.Put, RegisterPath(register) + "/custodian-keys", () => Json(body), options, register, cancellationToken);
    }

    /// <summary>Revokes <paramref name="key"/>'s right to write <paramref name="register"/> (admin only); the change is a system entry.</summary>
    /// <exception cref="Problems.RegistersException">Refused: 404 when the register lists no such key.</exception>
    public Task<WriteReceipt> RevokeCustodianKeyAsync(string register, VerifierKey key, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RevokeCustodianKeyAsync(register, HttpSignatureKeyIds.Of(key), options, cancellationToken);
    }

    /// <summary>
    /// Revokes the custodian key named by <paramref name="keyId"/>: its 8 hex digits, or <c>name+hex</c> as signatures give
    /// it, in which case only a listed key of that name is revoked.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="keyId"/> does not end in 8 hex digits.</exception>
    /// <exception cref="Problems.RegistersException">Refused: 404 when the register lists no such key.</exception>
    public Task<WriteReceipt> RevokeCustodianKeyAsync(string register, string keyId, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var plus = keyId.LastIndexOf('+');
        var hex = keyId[(plus + 1)..];
        if (hex.Length != 8 || !hex.All(char.IsAsciiHexDigit) || plus == 0)
        {
            throw new ArgumentException($"'{keyId}' is not a key id: 8 hex digits, or name+8 hex digits.", nameof(keyId));
        }

        // The name goes too, escaped (it may hold '/'): the server then revokes only a listed key of that name, so a
        // mistyped name with another key's digits is a 404, not that key's revocation.
        var named = (plus < 0 ? "" : keyId[..(plus + 1)]) + hex.ToLowerInvariant();
        return WriteAsync(HttpMethod.Delete, $"{RegisterPath(register)}/custodian-keys/{Uri.EscapeDataString(named)}", () => null, options, register, cancellationToken);
    }

    /// <summary>Appends <paramref name="entries"/> to <paramref name="register"/> as one batch, all or nothing, numbered in order.</summary>
    /// <exception cref="Problems.RegistersException">Refused: 422 entries that break the register's rules (each named), 412 the size did not match, ...</exception>
    public Task<WriteReceipt> AppendAsync(string register, IReadOnlyList<NewEntry> entries, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = AppendBody.Write(entries);
        return WriteAsync(HttpMethod.Post, RegisterPath(register) + "/entries", () => Json(body), options, register, cancellationToken);
    }

    /// <summary>
    /// Loads RSF into <paramref name="register"/> (created if absent), all or nothing, every <c>assert-root-hash</c> checked.
    /// A seekable stream is sent from its position to its end without being held in memory (it is read twice: once to
    /// hash it, once to send it, and again on each retry); any other stream is read into memory first.
    /// </summary>
    /// <param name="register">The register.</param>
    /// <param name="rsf">The RSF; left open.</param>
    /// <param name="options">Idempotency key and expected size, if any.</param>
    /// <param name="lenient">Load history that breaks register rules, reporting it as warnings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="Problems.RegistersException">Refused: 422 with a problem per bad line, 412, 413, ...</exception>
    public async Task<WriteReceipt> LoadRsfAsync(string register, Stream rsf, WriteOptions? options = null, bool lenient = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rsf);
        if (!rsf.CanSeek)
        {
            var copy = new MemoryStream();
            await rsf.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            rsf = copy;
        }

        var start = rsf.Position;
        var digest = ContentDigest.Format(await new SeekableContent(rsf).HashAsync(cancellationToken).ConfigureAwait(false));
        HttpContent Content()
        {
            rsf.Position = start;
            var content = new SeekableContent(rsf);
            content.Headers.ContentType = new MediaTypeHeaderValue(RsfMediaType);
            content.Headers.TryAddWithoutValidation("Content-Digest", digest);
            return content;
        }

        var path = RegisterPath(register) + "/rsf" + (lenient ? "?lenient=true" : "");
        return await WriteAsync(HttpMethod.Post, path, Content, options, register, cancellationToken).ConfigureAwait(false);
    }

    private static HttpContent Json(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
