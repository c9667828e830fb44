using System.Globalization;
using System.Net;
using Registers.Client.Problems;
using Registers.Client.Verification;

namespace Registers.Client.Tracking;

/// <summary>
/// A consistency proof the server would not give between two checkpoints it signed. A log that extends the trusted tree
/// can always prove it, so a refusal is a failure to verify, kept as evidence like an inconsistency: taken for an outage,
/// it would let a server that forked hide the fork by refusing every proof. A server that fails (5xx), is busy (429),
/// times out (408) or cannot be reached has refused nothing, and is let through as it was.
/// </summary>
internal static class RefusedProof
{
    /// <summary>Whether <paramref name="failure"/>, met asking for a proof, is the server refusing it: a 4xx answer other than 408 and 429, with problem details or without.</summary>
    public static bool IsRefusal(Exception failure) => failure switch
    {
        RegistersException refused => IsRefusal(refused.StatusCode),
        NotARegisterServerException { StatusCode: { } status } => IsRefusal(status),
        _ => false,
    };

    /// <summary>
    /// The failure to verify <paramref name="newer"/> against <paramref name="trusted"/>, as the server refused the proof
    /// from the tree of <paramref name="fromSize"/> to that of <paramref name="toSize"/> with <paramref name="refusal"/>.
    /// </summary>
    public static VerificationException Evidence(VerifiedCheckpoint trusted, VerifiedCheckpoint newer, long fromSize, long toSize, Exception refusal) =>
        new(VerificationProblem.ProofRefused, newer.Register,
            string.Create(CultureInfo.InvariantCulture,
                $"The server signed a checkpoint of {newer.Size} but refused the consistency proof from {fromSize} to {toSize}, without which it cannot be shown to extend the trusted one of {trusted.Size}: {refusal.Message}"),
            string.Create(CultureInfo.InvariantCulture, $"a consistency proof from {fromSize} to {toSize}"),
            refusal.Message)
        {
            TrustedCheckpoint = trusted.SignedNote,
            NewerCheckpoint = newer.SignedNote,
        };

    private static bool IsRefusal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests;
}
