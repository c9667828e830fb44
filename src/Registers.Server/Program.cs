using JasperFx;
using Registers.Server;
using Registers.Server.Hosting;
using Registers.Shared;

// Handled from the start: Ctrl-C before the host takes over would otherwise end the process and leave initdb or PostgreSQL running.
using var interruption = new SignalCancellation();
WebApplication app;
try
{
    app = ServerApp.Build(args, cancellation: interruption.Token);
}
catch (Exception failure)
{
    return StartupFailure.Report(failure, Console.Error);
}

// A first word (e.g. "codegen write") is a JasperFx tool command; otherwise the arguments are
// ordinary ASP.NET configuration (--urls, --Registers:PublicHost=...) and the server just runs.
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    interruption.Dispose();
    return await app.RunJasperFxCommands(args);
}

var started = false;
app.Lifetime.ApplicationStarted.Register(() =>
{
    started = true;
    interruption.Dispose(); // the host's own handling stops the running server gracefully
});
using var stopStart = interruption.Token.Register(app.Lifetime.StopApplication); // a start already cancelled ends at once
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception failure) when (!started)
{
    // RunAsync has disposed the server, and with it stopped the private cluster; what is left is to say why.
    return StartupFailure.Report(failure, Console.Error);
}
