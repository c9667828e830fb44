using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Registers.Server.Hosting;

/// <summary>
/// Refuses, with a 400 that names it, a query parameter the server reads on other resources but this one does not take:
/// <c>as-of</c> on a download, <c>page-size</c> on the entries. Ignored, it would be answered as if it had been read (the
/// register as it is now for one asked as it was). Names the server reads nowhere (a cache buster) are left alone, as
/// GOV.UK's server left them.
/// </summary>
internal static class UntakenQueryParameters
{
    /// <summary>The query parameters some read takes.</summary>
    private static readonly string[] ServerReads = ["start", "limit", "page-index", "page-size", "as-of"];

    /// <summary>An endpoint filter factory: the check costs nothing on an endpoint that takes all of them.</summary>
    public static EndpointFilterDelegate Check(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var taken = TakenBy(context.MethodInfo);
        var untaken = ServerReads.Where(name => !taken.Contains(name)).ToArray();
        if (untaken.Length == 0)
        {
            return next;
        }

        var takes = Takes(taken);
        return invocation =>
        {
            var query = invocation.HttpContext.Request.Query;
            return untaken.FirstOrDefault(query.ContainsKey) is { } name
                ? ValueTask.FromResult<object?>(Problems.Result(StatusCodes.Status400BadRequest, "Parameter not taken",
                    $"This resource does not read '{name}', so it cannot answer as that asks. {takes}",
                    new Dictionary<string, object?> { ["parameter"] = name }))
                : next(invocation);
        };
    }

    /// <summary>Says which query parameters a resource takes.</summary>
    internal static string Takes(IReadOnlyCollection<string> taken) =>
        taken.Count == 0 ? "It takes no query parameters." : $"It takes {string.Join(", ", taken.Order(StringComparer.Ordinal))}.";

    /// <summary>The query names a handler binds: its <c>[FromQuery]</c> parameters and those of its <c>[AsParameters]</c> types.</summary>
    internal static HashSet<string> TakenBy(MethodInfo handler)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } query)
            {
                names.Add(query.Name ?? parameter.Name!);
            }
            else if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                {
                    if (property.GetCustomAttribute<FromQueryAttribute>() is { } member)
                    {
                        names.Add(member.Name ?? property.Name);
                    }
                }
            }
        }

        return names;
    }
}
