namespace Registers.Server.Hosting;

/// <summary>Parses path and query parameters, answering a 400 problem that names the parameter when one is bad.</summary>
public static class Parameters
{
    /// <summary>A whole number from <paramref name="minimum"/> up, or a problem naming <paramref name="name"/>.</summary>
    public static bool TryNumber(string? text, string name, long minimum, out long value, out IResult problem)
    {
        problem = Results.Empty;
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= minimum)
        {
            return true;
        }

        problem = Problems.Result(StatusCodes.Status400BadRequest, "Invalid parameter",
            $"Parameter '{name}' must be a whole number of at least {minimum}, not '{text}'.",
            new Dictionary<string, object?> { ["parameter"] = name });
        return false;
    }

    /// <summary>The answer for a register that does not exist.</summary>
    public static IResult UnknownRegister(string name) =>
        Problems.Result(StatusCodes.Status404NotFound, "Unknown register", $"There is no register named '{name}'.");
}
