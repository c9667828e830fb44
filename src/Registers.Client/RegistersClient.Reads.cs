using System.Net;
using System.Text.Json;
using System.Buffers.Binary;
using Registers.Client.Status;
using Registers.Client.Writes;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Client;

public sealed partial class RegistersClient
{
    private const string RegisterProof = "proof/register/merkle:sha-256";

    /// <summary>
    /// Where <paramref name="register"/> stands: each log's size and root and the latest checkpoint, from the register
    /// proofs (each gives a root and the checkpoint of the same size); null when there is no such register.
    /// </summary>
    /// <exception cref="Problems.RegistersException">The server answered with another error.</exception>
    /// <exception cref="JsonException">The answer is not the JSON the API defines: not JSON, or a member missing or null.</exception>
    public async Task<RegisterStatus?> GetStatusAsync(string register, CancellationToken cancellationToken = default)
    {
        var user = await GetLogAsync($"{RegisterPath(register)}/{RegisterProof}", cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var system = await GetLogAsync($"{RegisterPath(register)}/system/{RegisterProof}", cancellationToken).ConfigureAwait(false);
        return new RegisterStatus(register, user, system ?? new LogStatus(0, "", ""));
    }

    /// <summary>The receipt of the committed write that carried <paramref name="idempotencyKey"/>; null when the server knows none.</summary>
    /// <remarks>
    /// An idempotency key is its signer's own: through a <see cref="Signing.RequestSigningHandler"/> the client asks for the
    /// write its key signed, and no other custodian's under the same key. Unsigned, it asks for the key alone, which the
    /// server answers with a 409 problem when writes of several signers carry it.
    /// </remarks>
    /// <exception cref="Problems.RegistersException">The server answered with an error other than 404.</exception>
    /// <exception cref="JsonException">The answer is not the JSON the API defines: not JSON, or a member missing or null.</exception>
    public Task<WriteReceipt?> GetWriteReceiptAsync(string register, string idempotencyKey, CancellationToken cancellationToken = default) =>
        GetReceiptAsync(register, idempotencyKey, ownOnly: true, cancellationToken);

    /// <summary>
    /// The receipt of the one committed write, whoever signed it, that carried <paramref name="idempotencyKey"/>; null when
    /// none did. For telling whether a write was made under another key (an import begun with another key, say).
    /// </summary>
    /// <exception cref="Problems.RegistersException">The server answered with an error other than 404: 409 when writes of several signers carry the key.</exception>
    /// <exception cref="JsonException">The answer is not the JSON the API defines: not JSON, or a member missing or null.</exception>
    public Task<WriteReceipt?> GetAnySignersWriteReceiptAsync(string register, string idempotencyKey, CancellationToken cancellationToken = default) =>
        GetReceiptAsync(register, idempotencyKey, ownOnly: false, cancellationToken);

    private async Task<WriteReceipt?> GetReceiptAsync(string register, string idempotencyKey, bool ownOnly, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        // Always with ".json": the server reads a last segment's ".json" or ".csv" as a format suffix, so "x.json" alone asks for "x".
        using var request = new HttpRequestMessage(HttpMethod.Get, At($"{RegisterPath(register)}/writes/{Uri.EscapeDataString(idempotencyKey)}.json"));
        request.Options.Set(Signing.RequestSigningHandler.LooksUpOwnWrite, ownOnly);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadReceiptAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The RFC 6962 leaf hashes of the first <paramref name="count"/> entries of a log, from its C2SP tlog-tiles entry
    /// bundles (256 entries a request). Taken as the server gives them: check them against a root you trust.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="Problems.RegistersException">The server has no such bundle (the log is shorter) or another error.</exception>
    /// <exception cref="InvalidDataException">A bundle is not a sequence of length-prefixed leaves of the width asked for.</exception>
    public async Task<IReadOnlyList<Digest>> GetLeafHashesAsync(string register, EntryLog log, long count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var prefix = RegisterPath(register) + (log == EntryLog.System ? "/system/" : "/");
        var leaves = new List<Digest>();
        for (ulong tile = 0; leaves.Count < count; tile++)
        {
            var width = (int)Math.Min(TileId.FullWidth, count - leaves.Count);
            using var response = await GetAsync(prefix + TilePath.FormatEntries(new TileId(0, tile, width)), cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var bundle = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var at = 0;
            for (var i = 0; i < width; i++)
            {
                var length = at + 2 <= bundle.Length ? BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at)) : int.MaxValue;
                if (at + 2 + length > bundle.Length)
                {
                    throw new InvalidDataException($"Entry bundle {tile} of the {log.ToWireName()} log of '{register}' is cut short.");
                }

                leaves.Add(MerkleHash.Leaf(bundle.AsSpan(at + 2, length)));
                at += 2 + length;
            }

            if (at != bundle.Length)
            {
                throw new InvalidDataException($"Entry bundle {tile} of the {log.ToWireName()} log of '{register}' holds more than {width} entries.");
            }
        }

        return leaves;
    }

    private async Task<LogStatus?> GetLogAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        // Read as declared: a proof without its root or size would show as an empty log.
        var proof = ReadJson<RegisterProofJson>(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), "register proof");
        return new LogStatus(proof.TotalEntries, proof.RootHash, proof.Checkpoint ?? "");
    }

    private sealed record RegisterProofJson(string RootHash, long TotalEntries, string? Checkpoint = null);
}
