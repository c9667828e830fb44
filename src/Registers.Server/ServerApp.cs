using System.Text.Json;
using JasperFx.CodeGeneration;
using Npgsql;
using Registers.Server.Checkpoints;
using Registers.Server.Database;
using Registers.Server.Hosting;
using Registers.Server.Proofs;
using Registers.Server.Seeding;
using Registers.Server.Signatures;
using Registers.Server.Storage;
using Registers.Server.Tiles;
using Registers.Server.Web;
using Registers.Server.Writes;
using Wolverine;
using Wolverine.Http;

namespace Registers.Server;

/// <summary>Builds the register server: configuration, database, storage, endpoints. Wiring only.</summary>
public static class ServerApp
{
    /// <summary>The port the server listens on when none is configured.</summary>
    public const int DefaultPort = 5080;

    /// <summary>Builds the server; <paramref name="configure"/> lets tests adjust the builder first.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellation = default)
    {
        // Configuration is read once. Reloading it on change watches the content root's whole tree, and outside a checkout
        // that holds the database's folder: every file PostgreSQL wrote became an event for this process to sift.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = ContentRoot.Choose(args),
        });
        configure?.Invoke(builder);
        ListenAddresses.Configure(builder, DefaultPort);
        StopTimeout.Configure(builder);
        RequestHeadLimits.Configure(builder);

        LogLevelSettings.Require(builder.Configuration);
        var startupLogs = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole());
        var logger = startupLogs.CreateLogger("Registers.Server");
        ListenAddresses.WarnOfNamedHosts(builder.Configuration, logger);
        var options = ReadOptions(builder.Configuration);
        var folderLock = DataFolderLock.Take(options.DataPath);
        RegisterDatabase database;
        try
        {
            database = RegisterDatabase.Resolve(builder.Configuration, options, logger, cancellation);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }

        try
        {
            builder.Services.AddSingleton(_ => folderLock); // given by a factory, so disposed with the container: let go when the server stops
            return Build(builder, options, database, startupLogs, logger);
        }
        catch
        {
            // Nothing will stop the private cluster that began starting above, so this does, before the failure is reported.
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            folderLock.Dispose();
            throw;
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder, ServerOptions options, RegisterDatabase database, ILoggerFactory startupLogs, ILogger logger)
    {
        var connectionString = database.ConnectionString;

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(_ => database); // made by the container, so disposed with it, which stops the private cluster
        services.AddSingleton(TimeProvider.System);
        var signer = LogSigner.FromOptions(options, logger); // read now, so a bad key file stops the start
        services.AddSingleton(_ => signer); // given by a factory, so disposed with the container (an instance given is not)
        services.AddSingleton(_ => ServerPool.Create(connectionString)); // made by the container, so closed with it: an instance given is never disposed
        services.AddSingleton<AppendQueue>();
        services.AddSingleton<UploadFolder>();
        services.AddSingleton<LoadSlots>();
        services.AddSingleton<BodyBytesPerKey>();
        services.AddSingleton<RegisterWriter>();
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<TileCache>();
        services.AddSingleton<DroppedConnectionPurge>();
        services.AddSingleton<TreeNodes>();
        services.AddSingleton<EntryBundles>();
        services.AddRegisterStorage(connectionString);
        services.AddHostedService<LogKeyContinuity>(); // after storage, whose schema it reads
        services.AddHostedService<RegisterSeeder>(); // after storage: its schema is applied first
        services.AddExceptionHandler<ServerStopping>(); // first: a request given up for the stop is no database failure
        services.AddExceptionHandler<RegisterBusy>(); // before DatabaseUnavailable, whose transient failures include a lock wait's timeout
        services.AddExceptionHandler<DatabaseUnavailable>();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            ProblemTypes.Complete(context.ProblemDetails);
            FrameworkProblems.Complete(context);
        });
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>(); // after the framework's writer: what it declines
        services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));
        services.AddWriteSecurity(options, logger);
        services.AddWolverineHttp();
        services.AddReadApi();

        builder.Host.UseWolverine(wolverine =>
        {
            wolverine.ApplicationAssembly = typeof(ServerApp).Assembly;

            // Wolverine here only runs HTTP endpoints in-process: no message agents polling the database.
            wolverine.Durability.Mode = DurabilityMode.MediatorOnly;

            // Endpoint code is generated ahead of time (scripts/codegen.sh): start-up compiles nothing.
            wolverine.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
        });

        // First of all hosted services: the schema setup, the seeding and the requests that follow need the database.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseReadiness>());
        var startupLogFilter = StartupLogs.HoldBackHostFailure(builder.Logging);
        UnreadableJson.KeepOutOfErrorLog(builder.Logging);
        LibraryLogLevels.Quiet(builder.Logging, builder.Configuration);
        var app = builder.Build();

        // Made now, so that disposing the server stops the private cluster even when an interrupted start made no service
        // using it; the lock first, as the container disposes in reverse: the cluster is stopped before the folder is let go.
        _ = app.Services.GetRequiredService<DataFolderLock>();
        _ = app.Services.GetRequiredService<RegisterDatabase>();
        app.Lifetime.ApplicationStarted.Register(startupLogFilter.Started);
        database.Ready.ContinueWith(_ => startupLogs.Dispose(), TaskScheduler.Default); // the database start may still be logging
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Registers server ready at {Addresses}; open {Page} in a browser; writes are signed with the admin key in {KeyFile} or a custodian key",
            string.Join(", ", app.Urls), app.Urls.FirstOrDefault() + RegisterPages.Path + "/", options.AdminKeyPath));
        app.UseExceptionHandler();
        app.UseRequestHeadCheck(); // before anything reads the request
        app.UseStatusCodePages();
        app.UseRegisterPages();
        app.UseStopEndsUploads(app.Lifetime); // before the signature check, which reads the body through a digest of its own
        app.UseWriteSecurity(options);
        app.UseMiddleware<ReadAgainOnFreshConnection>();
        app.MapWolverineEndpoints(wolverine => wolverine.ConfigureEndpoints(BodyMediaTypeCheck.LeaveToTheCheck));
        app.MapCheckpoints();
        app.MapMetadataSizes();
        app.MapProofs();
        app.MapTiles();
        app.MapWriteLookup();
        app.MapWriteLimits();
        app.MapReadApi();
        return app;
    }

    // A value the binder cannot convert names its setting; any other value the server cannot use is refused here too.
    private static ServerOptions ReadOptions(IConfiguration configuration)
    {
        ServerOptions options;
        try
        {
            options = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        }
        catch (InvalidOperationException failure)
        {
            throw new StartupException(failure.Message, failure);
        }

        ServerOptionsCheck.Require(options);
        return options;
    }

    private static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower;
        json.MaxDepth = Writes.BodyNestingCheck.MaxDepth; // the depth a write's body is checked to before it is read
        json.AllowDuplicateProperties = false; // a member given twice is refused, never the last of the two taken
        json.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }
}
