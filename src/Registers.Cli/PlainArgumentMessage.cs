namespace Registers.Cli;

/// <summary>
/// An <see cref="ArgumentException"/>'s message as a user reads it: its <see cref="Exception.Message"/> ends with
/// " (Parameter 'register')", the name of a .NET parameter the user never saw.
/// </summary>
internal static class PlainArgumentMessage
{
    /// <summary><paramref name="failure"/>'s message without the parameter it names.</summary>
    public static string Of(ArgumentException failure)
    {
        if (string.IsNullOrEmpty(failure.ParamName))
        {
            return failure.Message;
        }

        // The suffix as this runtime words it: an exception of an empty message says only that.
        var parameterSuffix = new ArgumentException(string.Empty, failure.ParamName).Message;
        return failure.Message.Replace(parameterSuffix, string.Empty, StringComparison.Ordinal);
    }
}
