using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Registers.Server.Hosting;

/// <summary>
/// Refuses a request whose target or header fields pass <see cref="RequestHeadLimits"/> with 414 or 431 problem details
/// naming the limit, before anything else reads it: the refusal Kestrel would give bare at these sizes, in the shape of
/// every other refusal.
/// </summary>
public static class RequestHeadCheck
{
    /// <summary>The member naming the most bytes a request target may have.</summary>
    public const string MaxTargetBytesMember = "max-target-bytes";

    /// <summary>The member naming the most bytes the header fields may have.</summary>
    public const string MaxHeaderBytesMember = "max-header-bytes";

    /// <summary>The member naming the most header fields a request may have.</summary>
    public const string MaxHeaderFieldsMember = "max-header-fields";

    /// <summary>Adds the check to the pipeline; first, before anything that reads the request.</summary>
    public static IApplicationBuilder UseRequestHeadCheck(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ApplicationServices.GetRequiredService<RequestHeadLimits>();
        return app.Use((context, next) => Check(context, next, limits));
    }

    private static async Task Check(HttpContext context, RequestDelegate next, RequestHeadLimits limits)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var targetBytes = Encoding.UTF8.GetByteCount(target);
        if (targetBytes > limits.MaxTargetBytes)
        {
            await Problems.Write(context, StatusCodes.Status414UriTooLong, "URI Too Long",
                $"The request target is {Number(targetBytes)} bytes; this server takes at most {Number(limits.MaxTargetBytes)}.",
                new Dictionary<string, object?> { [MaxTargetBytesMember] = limits.MaxTargetBytes });
            return;
        }

        var (fields, headerBytes) = Measure(context.Request.Headers);
        if (fields > limits.MaxHeaderFields)
        {
            await Problems.Write(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request Header Fields Too Large",
                $"The request has {Number(fields)} header fields; this server takes at most {Number(limits.MaxHeaderFields)}.",
                new Dictionary<string, object?> { [MaxHeaderFieldsMember] = limits.MaxHeaderFields });
            return;
        }

        if (headerBytes > limits.MaxHeaderBytes)
        {
            await Problems.Write(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request Header Fields Too Large",
                $"The request's header fields are {Number(headerBytes)} bytes, each counted as its line; this server takes at most {Number(limits.MaxHeaderBytes)}.",
                new Dictionary<string, object?> { [MaxHeaderBytesMember] = limits.MaxHeaderBytes });
            return;
        }

        await next(context);
    }

    // Each value is a line of its own as HTTP/1.1 sends it: "name: value" and its CRLF.
    private static (int Fields, long Bytes) Measure(IHeaderDictionary headers)
    {
        var fields = 0;
        var bytes = 0L;
        foreach (var (name, values) in headers)
        {
            var nameBytes = Encoding.UTF8.GetByteCount(name);
            foreach (var value in values)
            {
                fields++;
                bytes += nameBytes + ": ".Length + Encoding.UTF8.GetByteCount(value ?? "") + "\r\n".Length;
            }
        }

        return (fields, bytes);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
