using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registers.Client.Status;
using Registers.Client.Writes;

namespace Registers.Client;

public sealed partial class RegistersClient
{
    private const string RegisterProof = "proof/register/merkle:sha-256";

    /// <summary>
    /// Where <paramref name="register"/> stands: each log's size and root and the latest checkpoint, from the register
    /// proofs (each gives a root and the checkpoint of the same size); null when there is no such register.
    /// </summary>
    /// <exception cref="Problems.RegistersException">The server answered with another error.</exception>
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
    /// <exception cref="Problems.RegistersException">The server answered with an error other than 404.</exception>
    public async Task<WriteReceipt?> GetWriteReceiptAsync(string register, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        using var response = await _http.GetAsync($"{RegisterPath(register)}/writes/{Uri.EscapeDataString(idempotencyKey)}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadReceiptAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LogStatus?> GetLogAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var proof = await response.Content.ReadFromJsonAsync<RegisterProofJson>(JsonOptions, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The server answered with an empty register proof.");
        return new LogStatus(proof.TotalEntries, proof.RootHash, proof.Checkpoint ?? "");
    }

    private sealed record RegisterProofJson(string RootHash, long TotalEntries, string? Checkpoint);
}
