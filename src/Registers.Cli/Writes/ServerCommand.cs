using System.Globalization;
using System.Text.Json;
using Registers.Cli.Config;
using Registers.Client;
using Registers.Client.Problems;
using Registers.Client.Signing;
using Spectre.Console.Cli;

namespace Registers.Cli.Writes;

/// <summary>What a command that talks to a server runs with: its configuration, a client, and where to write.</summary>
/// <param name="Config">The resolved configuration.</param>
/// <param name="Client">A client whose writes are signed with the configured key (reads only, for commands that do not write).</param>
/// <param name="Consoles">Standard output and error.</param>
internal sealed record ServerRun(CliConfig Config, RegistersClient Client, CliConsoles Consoles);

/// <summary>
/// The frame of every command that talks to a server: resolves the configuration, reads the key, makes a signing client,
/// and turns what can go wrong into a message and an exit code (<see cref="ExitCodes"/>): a refusal is 1, a configuration
/// or file problem 2, a server that cannot be reached or fails 3.
/// </summary>
internal abstract class ServerCommand<TSettings>(CliConsoles consoles, CliEnvironment environment) : AsyncCommand<TSettings>
    where TSettings : ServerSettings
{
    /// <summary>The command's name, as messages start with it.</summary>
    protected abstract string Name { get; }

    /// <summary>Whether the command writes, and so needs a key.</summary>
    protected virtual bool Writes => true;

    /// <summary>What is said when Ctrl-C stops the command, by whether it had sent a write (<paramref name="sentWrites"/>).</summary>
    protected virtual string InterruptedMessage(bool sentWrites) => !Writes
        ? "interrupted"
        : sentWrites
        ? "interrupted: what the server accepted before stays written; run the same command again to go on (a load or import resumes where the log stands)"
        : "interrupted: nothing was sent, so nothing was written";

    protected CliConsoles Consoles => consoles;

    protected CliEnvironment Environment => environment;

    /// <summary>What is said while a write waits to be tried again (a server's rate limit can hold a command up for a minute).</summary>
    /// <remarks>The reason is the server's problem, whose detail may end a sentence ("try again in 60 s."): its full stop is
    /// left out, as the line goes on.</remarks>
    private string RetryLine(RetryNotice notice, int retries) => string.Create(CultureInfo.InvariantCulture,
        $"registers {Name}: {notice.Reason.TrimEnd('.')}; trying again in {Math.Ceiling(notice.Wait.TotalSeconds):0} s (try {notice.Attempt} of {retries + 1})");

    /// <summary>Writes <c>registers NAME: message</c> to standard error.</summary>
    protected void Diagnostic(string message) => consoles.WriteDiagnostic($"registers {Name}: {message}");

    /// <summary>The command's work, once it has a client.</summary>
    protected abstract Task<int> RunAsync(ServerRun run, TSettings settings, CancellationToken cancellationToken);

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        Uri? server = null;
        SentWrites? sent = null;
        try
        {
            var config = CliConfig.Resolve(settings, environment);
            server = config.Server;
            using var key = Writes ? config.ReadKey() : null;
            if (key is not null && OpenKeyFile.Warning(config.KeyFile!) is { } open)
            {
                Diagnostic(open);
            }

            var handler = ReadsOnlyRedirects.Around(environment.HttpHandler());
            sent = new SentWrites(key is null ? handler : new RequestSigningHandler(key) { InnerHandler = handler });
            using var http = new HttpClient(sent)
            {
                BaseAddress = config.Server,
                Timeout = environment.RequestTimeout,
            };
            // Reads are tried again too: a command run as the database restarts should not fail on its first 503.
            var options = environment.ClientOptions with { RetryReads = true, OnRetry = notice => consoles.WriteNotice(RetryLine(notice, environment.ClientOptions.Retries)) };
            return await RunAsync(new ServerRun(config, new RegistersClient(http, options), consoles), settings, cancellationToken);
        }
        catch (RedirectedWriteException e)
        {
            Diagnostic(e.Message);
            return ExitCodes.UsageOrIoError;
        }
        catch (ConfigException e)
        {
            Diagnostic(e.Message);
            return ExitCodes.UsageOrIoError;
        }
        catch (ArgumentException e)
        {
            // What the client refuses before asking the server (a register name no register can have, a key id of no key).
            Diagnostic(PlainArgumentMessage.Of(e));
            return ExitCodes.UsageOrIoError;
        }
        catch (RegistersException e)
        {
            Refused(e.Problem);
            return ExitCodes.Of(e);
        }
        catch (SlowDownloadException e)
        {
            // A server that trickles its answer, or stops sending it, is as good as one that cannot be reached.
            Diagnostic($"{Unanswered(e)}: run the command again");
            return ExitCodes.Unavailable;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            // An answer longer than any the API gives: the client stopped reading it (RegistersClientOptions.MaxAnswerBytes).
            Diagnostic($"{server} did not answer as a register server does: {e.Message}");
            return ExitCodes.UsageOrIoError;
        }
        catch (HttpRequestException e)
        {
            Diagnostic($"cannot reach the server: {ConnectionFailure.Describe(e)}");
            return ExitCodes.Unavailable;
        }
        catch (HttpIOException e)
        {
            // An IOException, but of the connection, not of a file: the server stopped or the network dropped mid-answer.
            Diagnostic($"the server's answer broke off ({e.Message}): run the command again");
            return ExitCodes.Unavailable;
        }
        catch (Exception e) when (e is JsonException or NotARegisterServerException)
        {
            // An answer of another shape than the API's, a web page, a 404 that is not the API's: most often the address
            // of some other web server, or without the path a proxy publishes the server below.
            Diagnostic($"{server} did not answer as a register server does ({e.Message}): check the server's address");
            return ExitCodes.UsageOrIoError;
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            Diagnostic($"{Unanswered(e)}: run the command again");
            return ExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Diagnostic(InterruptedMessage(sent?.Any ?? false));
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A FileProblem names the path and what is wrong with it; the commands read and write through it.
            Diagnostic(e.Message);
            return ExitCodes.UsageOrIoError;
        }
    }

    /// <summary>What happened to a request the server gave no whole answer to (<see cref="UnansweredRequest"/>), as a clause.</summary>
    protected string Unanswered(Exception failure) => UnansweredRequest.Describe(failure, environment.RequestTimeout);

    /// <summary>Says that nothing was sent, as the server has no register <paramref name="register"/>; the exit code for it.</summary>
    protected int NoSuchRegister(ServerRun run, string register)
    {
        Diagnostic($"nothing sent: there is no register '{register}' at {run.Config.Server}; create it first with registers create");
        return ExitCodes.ProblemsFound;
    }

    /// <summary>Writes a refusal to standard error: the status, title and detail, then each error the server listed.</summary>
    protected void Refused(RegistersProblem problem)
    {
        // A detail that only repeats the errors listed under it is left out, so that each is said once.
        var repeated = problem.Errors.Count > 0 && problem.Detail is { } detail && problem.Errors.All(error => detail.Contains(error.Message, StringComparison.Ordinal));
        Diagnostic($"the server refused: {(repeated ? $"{(int)problem.Status} {problem.Title}:" : problem.ToString())}");
        foreach (var error in problem.Errors)
        {
            consoles.WriteDiagnostic($"  {error.Message}");
        }
    }

    /// <summary>
    /// Writes a batch's refusal to standard error, each error placed in the file the batch was cut from by
    /// <paramref name="placeInFile"/> (say, "line 12"; null for an error it cannot place).
    /// </summary>
    protected void Refused(RegistersProblem problem, Func<ProblemError, string?> placeInFile)
    {
        // The server numbers what it was sent within the batch (RSF lines, JSON entries), and its detail quotes the first
        // problem by that number: where the problems can be placed in the file, they alone are shown, lest the two disagree.
        var places = problem.Errors.Select(placeInFile).ToList();
        Diagnostic(places.Any(place => place is not null)
            ? $"the server refused a batch: {(int)problem.Status} {problem.Title}, by line of the file:"
            : $"the server refused a batch: {problem}");
        foreach (var (error, place) in problem.Errors.Zip(places))
        {
            consoles.WriteDiagnostic($"  {(place is null ? error.Message : error.Locate(place))}");
        }

        if (ProblemTotal.Unlisted(problem) is { } more)
        {
            consoles.WriteDiagnostic(more);
        }
    }
}
