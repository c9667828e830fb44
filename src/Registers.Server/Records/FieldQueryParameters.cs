using Registers.Protocol.Entries;
using Registers.Server.Hosting;
using Registers.Server.Registers;

namespace Registers.Server.Records;

/// <summary>
/// Refuses a query parameter named like a field of the log whose records are listed (<c>/records?name=X</c>): records
/// are found by a field's value at <c>/records/{field}/{value}</c>. Left alone, as a name no read takes is, it would be
/// answered with every record, and a service taking "records came back" for "X is there" would be told yes. So is
/// <c>?key=X</c>, which is no field: the record of a key is at <c>/records/{key}</c>.
/// </summary>
internal static class FieldQueryParameters
{
    /// <summary>The parameters a record list takes.</summary>
    private static readonly string[] Taken = ["page-index", "page-size", "as-of"];

    /// <summary>The parameter a key would be asked for by, were records found by query parameters.</summary>
    private const string KeyParameter = "key";

    /// <summary>Whether the query has a parameter a record list does not take: only then is the register's summary needed.</summary>
    public static bool AnyOther(HttpContext context) =>
        context.Request.Query.Keys.Any(key => !Taken.Contains(key, StringComparer.OrdinalIgnoreCase));

    /// <summary>The refusal of the first parameter named like a field of <paramref name="log"/>, or null.</summary>
    public static IResult? Refusal(HttpContext context, string register, EntryLog log, RegisterSummary summary)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            var field = key.ToLowerInvariant();
            var value = Uri.EscapeDataString(values.FirstOrDefault() ?? "");
            var isField = log == EntryLog.User ? summary.HasField(field) : summary.HasSystemField(field);
            if (field == KeyParameter && !isField)
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Parameter not taken",
                    $"Records are not found by query parameters: the record of a key in the {log.ToWireName()} log of '{register}' is at {RegisterAddressing.LogBase(context, register, log)}/records/{value}.",
                    new Dictionary<string, object?> { ["parameter"] = field });
            }

            if (Taken.Contains(field) || !isField)
            {
                continue;
            }

            var path = $"{RegisterAddressing.LogBase(context, register, log)}/records/{field}/{value}";
            return Problems.Result(StatusCodes.Status400BadRequest, "Parameter not taken",
                $"Records are not found by query parameters: '{field}' is a field of the {log.ToWireName()} log of '{register}', and its records whose {field} holds a value are listed at {path}.",
                new Dictionary<string, object?> { ["parameter"] = field });
        }

        return null;
    }
}
