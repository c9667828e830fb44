using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Registers.Server.Hosting;

/// <summary>
/// The one place a failed start becomes what the operator reads: one line naming the problem and what to change,
/// and a non-zero exit code. Failures nobody foresaw keep their stack trace, since they are bugs to report.
/// </summary>
public static class StartupFailure
{
    /// <summary>The exit code of a start that failed.</summary>
    public const int ExitCode = 1;

    /// <summary>The exit code of a start interrupted by Ctrl-C or SIGTERM (128 + SIGINT, as a shell reports it).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Writes why the start failed to standard error and returns the exit code to end with.</summary>
    public static int Report(Exception failure, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var interrupted = IsInterruption(failure);
        error.WriteLine(interrupted
            ? "The Registers server was stopped before it finished starting."
            : "The Registers server could not start: " + Describe(failure));
        return interrupted ? InterruptedExitCode : ExitCode;
    }

    /// <summary>What went wrong, in words an operator can act on.</summary>
    public static string Describe(Exception failure)
    {
        var cause = Unwrap(failure);
        return cause switch
        {
            StartupException known => known.Message,
            IOException { InnerException: AddressInUseException } bind =>
                $"{bind.Message} Another process is listening there; stop it or choose another address with --urls.",
            IOException { InnerException: SocketException } or SocketException =>
                $"{cause.Message} Check the addresses given with --urls.",
            InvalidOperationException when cause.TargetSite?.DeclaringType == typeof(ListenOptionsHttpsExtensions) => NoCertificate,
            _ => cause.ToString(),
        };
    }

    /// <summary>
    /// Kestrel's failure to listen on https:// without a certificate (it looks only for a development certificate, which a
    /// server has not got), said with the settings that give one; Kestrel's own message speaks of <c>dotnet dev-certs</c>.
    /// </summary>
    private const string NoCertificate =
        "An https:// address is given (--urls, ASPNETCORE_URLS or ASPNETCORE_HTTPS_PORTS), but no certificate is configured for https: " +
        "give one with --Kestrel:Certificates:Default:Path=<a .pfx or .pem file> (with --Kestrel:Certificates:Default:Password for a .pfx, " +
        "or --Kestrel:Certificates:Default:KeyPath=<its .pem key>), or listen on http:// behind a proxy that terminates TLS.";

    private static bool IsInterruption(Exception failure) => Unwrap(failure) is OperationCanceledException;

    // The host gathers start-up failures into an AggregateException; one cause is what is worth reading.
    private static Exception Unwrap(Exception failure) =>
        failure is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : failure;
}
