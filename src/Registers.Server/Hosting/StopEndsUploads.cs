using System.Buffers;
using System.IO.Pipelines;
using Registers.Server.Writes;

namespace Registers.Server.Hosting;

/// <summary>
/// Ends the reading of a write's body (an RSF load or a JSON write) still arriving when the server begins to stop
/// (SIGTERM), so that the write is given up (answered by <see cref="ServerStopping"/>) rather than waited for: a slow
/// client held the stop for the host's whole shutdown timeout, past a container runtime's grace. A write is received
/// whole before any of it is written, so nothing of it is stored; one already received is left to finish.
/// </summary>
internal static class StopEndsUploads
{
    /// <summary>Reads the writes that take a body (<see cref="TakesBodyAttribute"/>) through a body the stop ends; other requests are left as they are.</summary>
    public static IApplicationBuilder UseStopEndsUploads(this IApplicationBuilder app, IHostApplicationLifetime lifetime) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TakesBodyAttribute>() is null)
        {
            await next(context);
            return;
        }

        // Kestrel's own reader, ended with CancelPendingRead: a read ended by its token leaves Kestrel's reader mid-read, and
        // Kestrel then logs an error for the request and cannot drain the rest of its body.
        var reader = context.Request.BodyReader;
        context.Request.Body = new StoppableBody(reader);
        using var stop = lifetime.ApplicationStopping.Register(reader.CancelPendingRead);
        await next(context);
    });

    /// <summary>The body read from <paramref name="reader"/>; a read the stop cancels lets go of the reader, then throws.</summary>
    private sealed class StoppableBody(PipeReader reader) : ReadOnlyBodyStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var data = result.Buffer;
                if (result.IsCanceled)
                {
                    reader.AdvanceTo(data.Start);
                    throw new OperationCanceledException("The server is stopping: the rest of the body is not read.");
                }

                var taken = (int)Math.Min(data.Length, buffer.Length);
                data.Slice(0, taken).CopyTo(buffer.Span);
                reader.AdvanceTo(data.GetPosition(taken));
                if (taken > 0 || result.IsCompleted || buffer.IsEmpty)
                {
                    return taken;
                }
            }
        }

        // Kestrel allows no synchronous reads of a body either.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
