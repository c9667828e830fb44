namespace Registers.Server.Hosting;

/// <summary>Parses path and query parameters, answering a 400 problem that names the parameter when one is bad.</summary>
public static class Parameters
{
    /// <summary>A whole number from <paramref name="minimum"/> up, or a problem naming <paramref name="name"/>.</summary>
    public static bool TryNumber(string? text, string name, long minimum, out long value, out IResult problem) =>
        TryNumber(text, name, minimum, long.MaxValue, out value, out problem);

    /// <summary>Reads a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, or says which parameter is wrong and why.</summary>
    public static bool TryNumber(string? text, string name, long minimum, long maximum, out long value, out IResult problem)
    {
        problem = Results.Empty;
        var parsed = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
        if (parsed && value >= minimum && value <= maximum)
        {
            return true;
        }

        // Digits alone that do not parse are a whole number too large for a long: saying "a whole number of at least 1"
        // of 99999999999999999999 would tell the client nothing it can act on.
        var tooLarge = parsed ? value > maximum : !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit);
        problem = Problems.Result(StatusCodes.Status400BadRequest, "Invalid parameter",
            tooLarge
                ? $"Parameter '{name}' may be at most {maximum}, not {text}."
                : $"Parameter '{name}' must be a whole number of at least {minimum}, not '{text}'.",
            new Dictionary<string, object?> { ["parameter"] = name });
        return false;
    }

    /// <summary>The answer for a register that does not exist.</summary>
    public static IResult UnknownRegister(string name) =>
        Problems.Result(StatusCodes.Status404NotFound, "Unknown register", $"There is no register named '{name}'.");
}
