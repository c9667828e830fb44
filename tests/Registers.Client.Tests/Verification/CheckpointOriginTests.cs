using Registers.Client.Tests.Support;
using Registers.Client.Verification;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// A checkpoint signed by the pinned key but for another log (another register, another host, or the register's system
/// log) is refused as a client meets it: the signature alone does not make it this register's.
/// </summary>
public sealed class CheckpointOriginTests : IDisposable
{
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData("registers.test/registers/other")] // another register's
    [InlineData("registers.test/registers/school/system")] // the system log's, offered as the user log's
    [InlineData("elsewhere.test/registers/school")] // the same register name on another host
    public async Task A_checkpoint_signed_by_the_pinned_key_for_another_log_is_refused_by_the_verifying_client(string origin)
    {
        _log.Origin = origin;
        var client = new VerifyingClient(_log, _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(MemoryLog.Register, "100001"));

        Assert.Equal(VerificationProblem.CheckpointSignature, failure.Problem);
        Assert.EndsWith($"for registers.test/registers/{MemoryLog.Register}", failure.Expected, StringComparison.Ordinal);
        Assert.Equal($"signed by registers.test+{_log.Trust.LogKey.KeyId:x8} for {origin}", failure.Actual);
        Assert.Null(await client.Tracker.GetTrustedAsync(MemoryLog.Register));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("registers.test/registers/school\n5\n")]
    public void A_text_that_is_no_signed_note_is_a_malformed_answer_not_a_bad_signature(string text)
    {
        var failure = Assert.Throws<VerificationException>(() => _log.Trust.Verify(MemoryLog.Register, text));

        Assert.Equal(VerificationProblem.MalformedAnswer, failure.Problem);
        Assert.StartsWith("The checkpoint is not a signed note: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_logs_checkpoint_offered_as_the_system_logs_is_refused()
    {
        var userCheckpoint = _log.Checkpoint(5);

        var failure = Assert.Throws<VerificationException>(() => _log.Trust.VerifySystem(MemoryLog.Register, userCheckpoint));

        Assert.Equal(VerificationProblem.CheckpointSignature, failure.Problem);
        Assert.EndsWith($"for registers.test/registers/{MemoryLog.Register}/system", failure.Expected, StringComparison.Ordinal);
    }
}
