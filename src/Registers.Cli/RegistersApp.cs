using Registers.Cli.Verify;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli;

/// <summary>The <c>registers</c> command line: its commands, help and exit codes (see <see cref="ExitCodes"/>).</summary>
internal static class RegistersApp
{
    /// <summary>The app, writing to <paramref name="consoles"/> (the real ones, or plain writers in tests).</summary>
    public static CommandApp Create(CliConsoles consoles)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("registers");
            config.ConfigureConsole(consoles.Out);
            config.UseStrictParsing();
            config.Settings.Registrar.RegisterInstance(consoles);
            config.SetExceptionHandler((exception, _) =>
            {
                // Spectre's own parse and validation errors, and anything a command did not catch: a usage or I/O failure.
                consoles.WriteDiagnostic($"registers: {exception.Message}");
                return ExitCodes.UsageOrIoError;
            });

            config.AddCommand<VerifyCommand>("verify")
                .WithDescription("Replays an RSF file offline: checks every line, item hash and root assertion, and prints the "
                    + "user and system entry counts and the root of the user log. " + ExitCodes.Help)
                .WithExample("verify", "country.rsf")
                .WithExample("verify", "--max-problems", "20", "government-domain.rsf");
        });

        return app;
    }
}
