using Registers.Client.Verification;

namespace ParkingPermits;

/// <summary>
/// Decides residents' parking permits for a zone (a town) from two registers, on the verified path only: the address must
/// be in the <c>address</c> register and in the zone, and the <c>vehicle</c> register must name the applicant as its keeper
/// at that address. Every record is proved against a signed checkpoint before it counts.
/// </summary>
public sealed class PermitOfficer(VerifyingClient registers, string zoneTown)
{
    /// <summary>Decides <paramref name="application"/>.</summary>
    public async Task<PermitDecision> DecideAsync(PermitApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        try
        {
            var address = await registers.GetVerifiedRecordAsync("address", application.Address, cancellationToken);
            if (address is null)
            {
                return new(PermitOutcome.Refused, $"There is no address {application.Address}.", []);
            }

            if (address.Field("town") != zoneTown)
            {
                return new(PermitOutcome.Refused, $"Address {application.Address} is in {address.Field("town")}, not in the {zoneTown} zone.", [address]);
            }

            var vehicle = await registers.GetVerifiedRecordAsync("vehicle", application.Registration, cancellationToken);
            if (vehicle is null)
            {
                return new(PermitOutcome.Refused, $"There is no vehicle {application.Registration}.", [address]);
            }

            if (vehicle.Field("keeper-name") != application.ApplicantName || vehicle.Field("keeper-address") != "address:" + application.Address)
            {
                return new(PermitOutcome.Refused, $"{application.Registration} is not kept by {application.ApplicantName} at {application.Address}.", [address, vehicle]);
            }

            return new(PermitOutcome.Approved, $"{application.ApplicantName} keeps {application.Registration} at {application.Address}, {zoneTown}.", [address, vehicle]);
        }
        catch (VerificationException failure)
        {
            return new(PermitOutcome.Unverifiable, $"The {failure.Register} register could not prove its answer: {failure.Message}", []);
        }
    }
}
