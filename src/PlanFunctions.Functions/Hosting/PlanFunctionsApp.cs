using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PlanFunctions.Client.Api;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Functions.Telemetry;

namespace PlanFunctions.Functions.Hosting;

/// <summary>The isolated worker: its configuration, services and Application Insights.</summary>
public static class PlanFunctionsApp
{
    /// <summary>
    /// Builds the worker. Its settings come from the app settings (<c>local.settings.json</c>'s <c>Values</c> under Core
    /// Tools, the Function App's configuration in Azure) and from <c>host.json</c> beside the binaries, so that the engine
    /// reads the same <c>extensions:durableTask</c> limits as the Functions host; app settings override <c>host.json</c>.
    /// </summary>
    /// <param name="args">The command line the Functions host starts the worker with.</param>
    /// <param name="configure">Changes made to the builder last (tests add services or settings here).</param>
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        AddHostJson(builder.Configuration, AppContext.BaseDirectory);
        builder.ConfigureFunctionsWebApplication();

        // Orchestration inputs and outputs, custom status, entity state and activity payloads in the one JSON shape
        // every layer uses (the Durable Task extension converts with the worker's serializer).
        builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(PlanJson.Options));
        builder.Services.AddPlanFunctionsDurableTask(builder.Configuration);
        builder.Services.AddSingleton<IPlanFunctionsClientFactory, DurableTaskClientFactory>();
        builder.Services.AddOptions<HttpApiOptions>().BindConfiguration(HttpApiOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HttpApiOptions>, HttpApiOptionsValidator>();
        builder.Services.AddPlanFunctionsApplicationInsights(builder.Configuration);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Adds <c>host.json</c> from <paramref name="directory"/> (optional) below every other source, so that any of them overrides it.</summary>
    internal static void AddHostJson(IConfigurationBuilder configuration, string directory) =>
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "host.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(directory),
        });
}
