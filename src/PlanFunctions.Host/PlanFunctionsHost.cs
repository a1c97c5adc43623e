using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ClusterOptions = Orleans.Configuration.ClusterOptions;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PlanFunctions.Host.Api;
using PlanFunctions.Host.Api.Entities;
using PlanFunctions.Host.Api.Errors;
using PlanFunctions.Host.Api.Instances;
using PlanFunctions.Host.Api.Monitoring;
using PlanFunctions.Host.Api.Runs;
using PlanFunctions.Host.Api.Viewer;
using PlanFunctions.Host.Configuration;
using PlanFunctions.Host.Security;
using PlanFunctions.Host.Telemetry;
using PlanFunctions.Runtime.Configuration;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Tools.Configuration;

namespace PlanFunctions.Host;

/// <summary>The PlanFunctions service: ASP.NET Core with the Orleans silo in the same process.</summary>
public static class PlanFunctionsHost
{
    /// <summary>Where the service listens unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> say otherwise, as Azure Functions Core Tools.</summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Builds the service from the command line, <c>host.json</c>, <c>local.settings.json</c> and the environment.</summary>
    /// <param name="args">The command line; <c>--key=value</c> overrides any setting.</param>
    /// <param name="configure">Changes made to the builder last (tests add services or settings here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) => Build(args, configure, configured: null);

    /// <summary>
    /// Builds and runs the service until it stops. A setting that fails validation at start-up is written to
    /// <paramref name="error"/>, one line per problem (see <see cref="StartupErrors"/>), and the exit code is
    /// <see cref="StartupErrors.ExitCode"/>; any other failure is thrown.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        IConfiguration? configuration = null;
        try
        {
            await using var app = Build(args, configure: null, configured: c => configuration = c);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (StartupErrors.Describe(e, configuration) is { Count: > 0 } lines)
        {
            foreach (var line in lines)
            {
                await error.WriteLineAsync($"planfunctions-host: {line}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("planfunctions-host: not started; correct the settings above.").ConfigureAwait(false);
            return StartupErrors.ExitCode;
        }
    }

    private static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure, Action<IConfiguration>? configured)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddPlanFunctionsConfiguration(builder.Environment.ContentRootPath);
        configured?.Invoke(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // These categories write the request's URL, whose query may carry the key: keep them quiet whatever is configured.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);

        // A failure to start is thrown out of RunAsync, which reports a wrong setting one line per problem and lets any
        // other fault end the process with its exception: the host's own "failed to start" entry would repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        AddOptions(builder.Services);
        builder.UseOrleans(silo => ConfigureSilo(silo, builder.Configuration));
        builder.Services.AddSingleton<ManagementUrls>();
        builder.Services.AddPlanFunctionsTelemetry(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(openApi => openApi.AddOperationTransformer<JsonBodyOperationTransformer>());
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // The same shape as PlanJson.Options, which the endpoints write with, so that the OpenAPI schemas match.
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => WriteStatusCodeAsync(context.HttpContext));
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapRunsEndpoints();
        app.MapInstancesEndpoints();
        app.MapEntitiesEndpoints();
        app.MapMonitoringEndpoints();
        app.MapViewerEndpoints();
        app.MapOpenApi();
        return app;
    }

    private static void AddOptions(IServiceCollection services)
    {
        services.AddOptions<HttpApiOptions>().BindConfiguration(HttpApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpApiOptions>, HttpApiOptionsValidator>();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        // Kestrel's own limit is twice ours: the endpoints answer 413 past ours, and Kestrel then reads and drops the
        // rest of a body that is not too far over, so that the client can read the answer instead of a reset connection.
        // Read from configuration, not from the validated options: Kestrel is built before the start-up validation runs,
        // and a wrong value is reported there, with every other wrong setting, rather than alone from here.
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
        {
            var http = configuration.GetSection(HttpApiOptions.SectionName).Get<HttpApiOptions>() ?? new HttpApiOptions();
            kestrel.Limits.MaxRequestBodySize = 2 * Math.Clamp(http.MaxRequestBodyBytes, 1024, HttpApiOptionsValidator.LargestBody);
        });
    }

    private static IPAddress AdvertisedAddress(SiloOptions hosting)
    {
        if (hosting.AdvertisedAddress is { Length: > 0 } configured)
        {
            return IPAddress.Parse(configured);
        }

        // In a container the first non-loopback IPv4 address is the one the other replicas reach.
        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }

    private static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration)
    {
        var hosting = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var clustering = configuration.GetSection(ClusteringOptions.SectionName).Get<ClusteringOptions>() ?? new ClusteringOptions();
        var storageConfigured = !string.IsNullOrWhiteSpace(configuration["AzureWebJobsStorage"])
            || configuration.GetSection("AzureWebJobsStorage").GetChildren().Any();
        var problems = hosting.Problems().Concat(clustering.Problems(storageConfigured)).ToList();
        var runReminderKey = $"{PlanFunctionsRuntimeOptions.SectionName}:{nameof(PlanFunctionsRuntimeOptions.RunReminderPeriod)}";
        var minimumReminderPeriod = hosting.MinimumReminderPeriod ?? TimeSpan.FromMinutes(1);
        if (configuration.GetValue<TimeSpan?>(runReminderKey) is { } runReminderPeriod && runReminderPeriod < minimumReminderPeriod)
        {
            // Orleans would refuse the reminder of every run at its start; say so at the host's start instead.
            problems.Add($"{runReminderKey} ({runReminderPeriod}) must not be shorter than {SiloOptions.SectionName}:MinimumReminderPeriod ({minimumReminderPeriod}).");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(SiloOptions.SectionName, typeof(SiloOptions), problems);
        }

        if (clustering.IsAzureTable)
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clustering.ClusterId ?? hosting.ClusterId;
                cluster.ServiceId = hosting.ServiceId;
            });
            silo.ConfigureEndpoints(AdvertisedAddress(hosting), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: true);
            silo.UsePlanFunctionsAzureTableClustering();
        }
        else
        {
            silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, serviceId: hosting.ServiceId, clusterId: clustering.ClusterId ?? hosting.ClusterId);
        }
        if (hosting.MinimumReminderPeriod is { } configured)
        {
            silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = configured);
        }

        silo.AddPlanFunctions(configuration);
        silo.Services.AddPlanFunctionsAzureOpenAI(configuration);

        // Azure Tables when AzureWebJobsStorage is set, memory (with a loud warning) otherwise.
        silo.UsePlanFunctionsStorage(configuration);
    }

    private static Task WriteStatusCodeAsync(HttpContext context)
    {
        var code = context.Response.StatusCode;
        var request = context.Request;
        var message = code switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status400BadRequest => "The request is not valid.",
            _ => ReasonPhrases.GetReasonPhrase(code),
        };
        return ApiResults.Error(code, message).ExecuteAsync(context);
    }
}
