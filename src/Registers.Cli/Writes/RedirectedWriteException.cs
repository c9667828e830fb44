namespace Registers.Cli.Writes;

/// <summary>A write the server answered with a redirect, which was not sent on.</summary>
internal sealed class RedirectedWriteException(Uri from, Uri to, int status)
    : Exception($"{from} redirected the write to {to} ({status}); writes are never sent on to another address, as their signed body would go there too: "
        + "if that is the register server, give its address with --server")
{
}
