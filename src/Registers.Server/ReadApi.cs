using Microsoft.Net.Http.Headers;
using Registers.Server.Downloads;
using Registers.Server.Entries;
using Registers.Server.Hosting;
using Registers.Server.Items;
using Registers.Server.OpenApi;
using Registers.Server.Records;
using Registers.Server.Registers;
using Registers.Server.Storage;
using Scalar.AspNetCore;

namespace Registers.Server;

/// <summary>
/// The read API for services: GOV.UK's v1 resources and what goes beyond them, as minimal API endpoints (reads do
/// not go through Wolverine), their OpenAPI description and reference page, host-name routing, CORS and GOV.UK's old paths.
/// </summary>
public static class ReadApi
{
    /// <summary>Headers a browser script may read from a read answer (Retry-After: when to ask again after a 503).</summary>
    private static readonly string[] ExposedHeaders =
        [HeaderNames.ETag, HeaderNames.Link, HeaderNames.ContentDisposition, ReadRoutes.TreeSizeHeader, HeaderNames.RetryAfter];

    /// <summary>Registers what the read endpoints need, and puts host routing and CORS in front of routing.</summary>
    public static IServiceCollection AddReadApi(this IServiceCollection services)
    {
        services.AddSingleton<ReadDatabase>();
        services.AddSingleton<EntryReader>();
        services.AddSingleton<RecordLookups>();
        services.AddSingleton<RecordReader>();
        services.AddSingleton<RecordItems>();
        services.AddSingleton<RegisterSummaryReader>();
        services.AddSingleton<RsfRange>();
        services.AddSingleton<ArchiveSlots>();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders(HeaderNames.Accept, HeaderNames.IfNoneMatch)
            .WithExposedHeaders(ExposedHeaders)));
        services.AddTransient<IStartupFilter, ReadPipeline>();
        services.AddRegistersOpenApi();
        return services;
    }

    /// <summary>Maps every read endpoint, the OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/scalar/v1</c>).</summary>
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder routes)
    {
        routes.MapRegisterResources();
        routes.MapEntries();
        routes.MapRecords();
        routes.MapRecordHistory();
        routes.MapItems();
        routes.MapDownloads();
        // Only the one document is routed: the default pattern answered any other name with a plain-text 404, not a problem.
        // HEAD as every read answers it: GET's headers, no body (the server drops it). Routing matches the last method metadata.
        routes.MapOpenApi("/openapi/v1.json").WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        // Nothing from Scalar's servers: no fonts from its CDN, no telemetry, no AI chat (the page's policy would block them).
        routes.MapScalarApiReference(options => options.WithTitle("Registers API").DisableDefaultFonts().DisableTelemetry().DisableAgent());
        return routes;
    }

    /// <summary>
    /// Headers common to every answer, host routing, CORS and GOV.UK's old paths run first, before the implicit routing
    /// middleware, so rewritten paths route.
    /// </summary>
    private sealed class ReadPipeline : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseCommonHeaders();
            app.UseReferencePagePolicy();
            app.UseMiddleware<RegisterAddressing>();
            app.UseCors();
            app.UseMiddleware<LegacyPaths>();
            next(app);
        };
    }
}
