namespace Registers.Server.Hosting;

/// <summary>
/// A small secret kept in a file only its owner can read (mode 0600), made on first use.
/// Creation is atomic: a new secret is written beside the target and moved into place, and a
/// secret that another process wrote first wins, so two servers never disagree about it.
/// </summary>
internal static class SecretFile
{
    /// <summary>Reads the secret at <paramref name="path"/>, creating it with <paramref name="create"/> if absent.</summary>
    /// <param name="path">The file.</param>
    /// <param name="setting">The setting that names the file, for the message when it cannot be read or made.</param>
    /// <param name="create">Makes a new secret.</param>
    /// <returns>The secret and whether this call created it.</returns>
    /// <exception cref="StartupException">The file is a folder, or cannot be read or made; the message names it and <paramref name="setting"/>.</exception>
    public static (string Secret, bool Created) ReadOrCreate(string path, string setting, Func<string> create)
    {
        if (Directory.Exists(path))
        {
            throw new StartupException($"{path} ({setting}) is a folder, not a key file; name a file with it (one is made on first start if absent).");
        }

        try
        {
            return ReadOrCreate(path, create);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{path} ({setting}) cannot be read or made: {failure.Message}", failure);
        }
    }

    private static (string Secret, bool Created) ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return (File.ReadAllText(path).Trim(), false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var secret = create();
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(secret);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return (secret, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return (File.ReadAllText(path).Trim(), false);
        }
    }
}
