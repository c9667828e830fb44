using Registers.Client.Verification;

namespace ParkingPermits;

/// <summary>What the council decides about an application.</summary>
public enum PermitOutcome
{
    /// <summary>The applicant keeps the vehicle and lives at an address in the zone, as the registers prove.</summary>
    Approved,

    /// <summary>The registers prove the application wrong (no such address or vehicle, another keeper, outside the zone).</summary>
    Refused,

    /// <summary>A register could not prove what it said: nothing is decided on unproven data.</summary>
    Unverifiable,
}

/// <summary>A decision and the proof it rests on.</summary>
/// <param name="Outcome">The decision.</param>
/// <param name="Reason">Why, in a sentence.</param>
/// <param name="Evidence">The verified records the decision rests on, each with the signed checkpoint it was proved against.</param>
public sealed record PermitDecision(PermitOutcome Outcome, string Reason, IReadOnlyList<VerifiedRecord> Evidence);

/// <summary>An application for a residents' parking permit.</summary>
/// <param name="Registration">The vehicle's registration mark, e.g. <c>CA53EJK</c>.</param>
/// <param name="ApplicantName">The applicant's full name, as the vehicle register holds the keeper's.</param>
/// <param name="Address">The applicant's address: its key (UPRN) in the address register.</param>
public sealed record PermitApplication(string Registration, string ApplicantName, string Address);
