using System.Net;
using Registers.Cli.Writes;
using Registers.Client.Problems;

namespace Registers.Cli.Tests.Writes;

/// <summary>What load and import say became of a batch the server answered with an error: never "not written" when it may have been.</summary>
public sealed class RefusedBatchTests
{
    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, "nothing of the refused batch was written")]
    [InlineData(HttpStatusCode.PreconditionFailed, "nothing of the refused batch was written")]
    [InlineData(HttpStatusCode.TooManyRequests, "nothing of the refused batch was written")]
    [InlineData(HttpStatusCode.InsufficientStorage, "nothing of the refused batch was written")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "the refused batch may or may not have been written: run the same command again to go on where the log stands")]
    [InlineData(HttpStatusCode.InternalServerError, "the refused batch may or may not have been written: run the same command again to go on where the log stands")]
    public void A_batch_answered_with_an_error_is_said_written_or_not_as_its_status_allows(HttpStatusCode status, string fate) =>
        Assert.Equal(fate, RefusedBatch.Fate(new RegistersException(new RegistersProblem(status, "A title", null, []))));
}
