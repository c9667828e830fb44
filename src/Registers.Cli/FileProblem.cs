namespace Registers.Cli;

/// <summary>What a command wants of a path the user named.</summary>
internal enum PathUse
{
    /// <summary>A file to read.</summary>
    ReadFile,

    /// <summary>A file to write.</summary>
    WriteFile,

    /// <summary>A folder to keep files in, made when missing.</summary>
    Folder,
}

/// <summary>
/// A path the user named that cannot be used, said plainly in one line that names it: "/x/y is a directory, not a file",
/// "cannot write /x/out.key: folder /x does not exist". The runtime's own messages ("Access to the path '/x/y' is denied"
/// for a directory on Linux) name the symptom, not the cause. An <see cref="IOException"/>, so the commands' catch sites
/// for file failures print its message and exit with <see cref="ExitCodes.UsageOrIoError"/>.
/// </summary>
internal sealed class FileProblem : IOException
{
    private FileProblem(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Whether <paramref name="failure"/> is a file system failure not yet said plainly.</summary>
    public static bool IsUnexplained(Exception failure) => failure is (IOException and not FileProblem) or UnauthorizedAccessException;

    /// <summary>Why <paramref name="failure"/> happened to <paramref name="path"/>, looked for in what the path is.</summary>
    public static FileProblem Of(string path, Exception failure, PathUse use) =>
        failure as FileProblem ?? new FileProblem(Evident(path, use) ?? Describe(path, failure, use), failure);

    /// <summary>Runs <paramref name="access"/> on <paramref name="path"/>, a failure said plainly.</summary>
    public static T Using<T>(string path, PathUse use, Func<string, T> access)
    {
        try
        {
            return access(path);
        }
        catch (Exception e) when (IsUnexplained(e))
        {
            throw Of(path, e, use);
        }
    }

    /// <summary>Reads the file at <paramref name="path"/> with <paramref name="read"/>, a failure said plainly.</summary>
    public static T Reading<T>(string path, Func<string, T> read) => Using(path, PathUse.ReadFile, read);

    /// <summary>Runs <paramref name="access"/> on <paramref name="path"/>, a failure said plainly.</summary>
    public static async Task<T> UsingAsync<T>(string path, PathUse use, Func<string, Task<T>> access)
    {
        try
        {
            return await access(path);
        }
        catch (Exception e) when (IsUnexplained(e))
        {
            throw Of(path, e, use);
        }
    }

    /// <summary>Runs <paramref name="access"/> on <paramref name="path"/>, a failure said plainly.</summary>
    public static Task UsingAsync(string path, PathUse use, Func<string, Task> access) => UsingAsync(path, use, async at =>
    {
        await access(at);
        return true;
    });

    /// <summary>Reads the file at <paramref name="path"/> with <paramref name="read"/>, a failure said plainly.</summary>
    public static Task<T> ReadingAsync<T>(string path, Func<string, Task<T>> read) => UsingAsync(path, PathUse.ReadFile, read);

    /// <summary>
    /// Throws when <paramref name="path"/> plainly cannot serve as <paramref name="use"/> says (a directory for a file, a
    /// file for a folder, a file's folder missing): for a check before work that would be lost when the path fails at the end.
    /// </summary>
    public static void ThrowIfEvident(string path, PathUse use)
    {
        if (Evident(path, use) is { } problem)
        {
            throw new FileProblem(problem, null);
        }
    }

    /// <summary>What is wrong with the path that can be seen without trying it, or null.</summary>
    private static string? Evident(string path, PathUse use)
    {
        if (use != PathUse.Folder && Directory.Exists(path))
        {
            return $"{path} is a directory, not a file";
        }

        if (use == PathUse.Folder && File.Exists(path))
        {
            return $"{path} is a file, not a folder";
        }

        // The nearest part of the path that exists: a file there is what stops it; else a missing folder stops a file.
        var folder = Path.GetDirectoryName(path);
        var existing = folder;
        while (!string.IsNullOrEmpty(existing) && !Path.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing);
        }

        return !string.IsNullOrEmpty(existing) && File.Exists(existing) ? $"cannot {Verb(use)} {path}: {existing} is a file, not a folder"
            : use != PathUse.Folder && folder != existing ? $"cannot {Verb(use)} {path}: folder {folder} does not exist"
            : null;
    }

    /// <summary>What is wrong with a path that looks usable, from the failure.</summary>
    private static string Describe(string path, Exception failure, PathUse use) =>
        use == PathUse.ReadFile && !Path.Exists(path) ? $"{path} does not exist"
        : failure is UnauthorizedAccessException ? $"cannot {Verb(use)} {path}: permission denied"
        : $"cannot {Verb(use)} {path}: {WithoutPath(failure.Message, path)}";

    /// <summary>The runtime's message without the path it ends with ("No space left on device : '/x/y'"), which the line names already.</summary>
    private static string WithoutPath(string message, string path) =>
        message.EndsWith($" : '{path}'", StringComparison.Ordinal) ? message[..^$" : '{path}'".Length] : message;

    private static string Verb(PathUse use) => use switch
    {
        PathUse.ReadFile => "read",
        PathUse.WriteFile => "write",
        _ => "use",
    };
}
