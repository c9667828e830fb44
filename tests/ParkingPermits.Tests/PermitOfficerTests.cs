using Npgsql;
using Registers.Client;
using Registers.Client.Verification;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace ParkingPermits.Tests;

/// <summary>The permit service against the real server holding the shipped address and vehicle registers.</summary>
public sealed class PermitOfficerTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("parking-permits-test-");
    private string _connectionString = "";
    private ServerProcess? _server;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await cluster.CreateDatabaseAsync();
        _server = await ServerProcess.StartAsync(_connectionString, _data.FullName);
        using var admin = _server.NewClient(_data.FullName);
        foreach (var register in new[] { "address", "vehicle" })
        {
            await using var rsf = File.OpenRead(Path.Combine(ServerProcess.RepositoryRoot(), "registers-data", register, register + ".rsf"));
            await new RegistersClient(admin).LoadRsfAsync(register, rsf, lenient: true);
        }
    }

    [Fact]
    public async Task The_keeper_living_in_the_zone_is_approved_on_records_proved_against_both_registers_checkpoints()
    {
        var decision = await Officer().DecideAsync(new PermitApplication("CA53EJK", "Susan Chloe Hughes", "100000000326"));

        Assert.Equal(PermitOutcome.Approved, decision.Outcome);
        Assert.Equal(["address", "vehicle"], decision.Evidence.Select(record => record.Checkpoint.Register));
        Assert.Equal([520L, 567L], decision.Evidence.Select(record => record.Checkpoint.Size));
        Assert.Equal("sha-256:96a1f8b8c88bc09d68fadabc2c32ea746a2fbd29fd46f99a9a217279c486dce2", decision.Evidence[1].Checkpoint.Checkpoint.Root.ToString());
    }

    [Fact]
    public async Task The_former_keeper_an_unknown_vehicle_and_an_address_outside_the_zone_are_refused()
    {
        var officer = Officer();

        var former = await officer.DecideAsync(new PermitApplication("CA53EJK", "Ravi Thomas Davies", "100000000326"));
        var unknown = await officer.DecideAsync(new PermitApplication("ZZ99ZZZ", "Susan Chloe Hughes", "100000000326"));
        var elsewhere = await new PermitOfficer(officer.Registers, "York").DecideAsync(new PermitApplication("CA53EJK", "Susan Chloe Hughes", "100000000326"));

        Assert.Equal(PermitOutcome.Refused, former.Outcome);
        Assert.Contains("is not kept by Ravi Thomas Davies", former.Reason, StringComparison.Ordinal);
        Assert.Equal(PermitOutcome.Refused, unknown.Outcome);
        Assert.Equal(PermitOutcome.Refused, elsewhere.Outcome);
        Assert.Contains("not in the York zone", elsewhere.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keeper_rewritten_in_the_database_is_not_approved()
    {
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var forge = new NpgsqlCommand(
                "UPDATE registers.items SET content = replace(content, 'Susan Chloe Hughes', 'Mallory Jones') WHERE register = 'vehicle' AND content LIKE '%Susan Chloe Hughes%'", connection);
            Assert.True(await forge.ExecuteNonQueryAsync() > 0);
        }

        var decision = await Officer().DecideAsync(new PermitApplication("CA53EJK", "Mallory Jones", "100000000326"));

        Assert.Equal(PermitOutcome.Unverifiable, decision.Outcome);
        Assert.StartsWith("The vehicle register could not prove its answer: Item 1 of 'CA53EJK' does not hash", decision.Reason, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _data.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private TestOfficer Officer()
    {
        using var key = SignerKey.Parse(File.ReadAllText(Path.Combine(_data.FullName, "log-key")).Trim());
        var registers = new VerifyingClient(new RegistersClient(new HttpClient { BaseAddress = _server!.Address }), new CheckpointTrust(key.VerifierKey));
        return new TestOfficer(registers);
    }

    /// <summary>The officer of the Leeds zone, and the verifying client it uses.</summary>
    private sealed class TestOfficer(VerifyingClient registers)
    {
        public VerifyingClient Registers => registers;

        public Task<PermitDecision> DecideAsync(PermitApplication application) => new PermitOfficer(registers, "Leeds").DecideAsync(application);
    }
}
