using Registers.Cli.Config;
using Registers.Protocol.Checkpoints;
using Spectre.Console.Cli;

namespace Registers.Cli.Keygen;

/// <summary>
/// <c>registers keygen NAME</c>: makes an Ed25519 key pair, writes the signer key to a file only its owner can read
/// (mode 0600, created new: an existing file is never overwritten) and the verifier key beside it, and prints the
/// verifier key string for the administrator to allow.
/// </summary>
internal sealed class KeygenCommand(CliConsoles consoles, CliEnvironment environment) : Command<KeygenSettings>
{
    public override int Execute(CommandContext context, KeygenSettings settings, CancellationToken cancellationToken)
    {
        var path = environment.FullPath(settings.OutOrDefault);
        var publicPath = path + ".pub";
        using var key = SignerKey.Generate(settings.Name);
        try
        {
            if (File.Exists(publicPath))
            {
                throw new IOException($"{publicPath} already exists; keygen never overwrites a key");
            }

            Write(path, KeyFile.Write(key), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                Write(publicPath, KeyFile.Write([key.VerifierKey]),
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            catch
            {
                // Half a pair is no key: a run again would find the private key and refuse to overwrite it.
                File.Delete(path);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            consoles.WriteDiagnostic($"registers keygen: {e.Message}");
            return ExitCodes.UsageOrIoError;
        }

        consoles.WriteResult(key.VerifierKey.ToString());
        consoles.WriteDiagnostic($"registers keygen: private key in {path} (only you can read it), public key in {publicPath}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Creates <paramref name="path"/> new with <paramref name="mode"/> from the start, so the secret is never readable by
    /// others; deleted again when it cannot be written whole.
    /// </summary>
    private static void Write(string path, string text, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        var created = false;
        try
        {
            using var stream = new FileStream(path, options);
            created = true;
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (FileProblem.IsUnexplained(e))
        {
            if (created)
            {
                File.Delete(path);
            }
            else if (File.Exists(path))
            {
                throw new IOException($"{path} already exists; keygen never overwrites a key");
            }

            throw FileProblem.Of(path, e, PathUse.WriteFile);
        }
    }
}
