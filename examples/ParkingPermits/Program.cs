using ParkingPermits;
using Registers.Client;
using Registers.Client.Verification;

// Usage: ParkingPermits SERVER LOG-KEY-FILE ZONE-TOWN REGISTRATION "APPLICANT NAME" ADDRESS-KEY
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: ParkingPermits SERVER LOG-KEY-FILE ZONE-TOWN REGISTRATION \"APPLICANT NAME\" ADDRESS-KEY");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(args[0]) };
var registers = new VerifyingClient(new RegistersClient(http), CheckpointTrust.FromKeyFile(File.ReadAllText(args[1])));
var decision = await new PermitOfficer(registers, args[2]).DecideAsync(new PermitApplication(args[3], args[4], args[5]));
Console.WriteLine($"{decision.Outcome}: {decision.Reason}");
foreach (var record in decision.Evidence)
{
    Console.WriteLine($"  {record.Checkpoint.Register}/{record.Key}: entry {record.EntryNumber}, verified against {record.Checkpoint}");
}

return decision.Outcome == PermitOutcome.Approved ? 0 : 1;
