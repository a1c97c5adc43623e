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
using PlanFunctions.Tools.Configuration;

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

    /// <summary>
    /// Builds and runs the worker until the Functions host stops it; returns 0, or <see cref="StartupErrors.ExitCode"/>
    /// after one line per wrong setting on <paramref name="error"/> (naming the setting and where it came from, never its
    /// value) when start-up stops on settings. Any other fault ends the process with its exception.
    /// </summary>
    /// <param name="args">The command line the Functions host starts the worker with.</param>
    /// <param name="error">Where the lines about wrong settings go: standard error, which the Functions host logs.</param>
    /// <param name="configure">Changes made to the builder last (tests add settings here).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter error, Action<FunctionsApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        IConfiguration? configuration = null;
        try
        {
            using var host = Build(args, builder =>
            {
                configuration = builder.Configuration;
                configure?.Invoke(builder);
            });
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (StartupErrors.Describe(e, configuration) is { Count: > 0 } lines)
        {
            foreach (var line in lines)
            {
                await error.WriteLineAsync($"planfunctions-functions: {line}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("planfunctions-functions: not started; correct the settings above.").ConfigureAwait(false);
            return StartupErrors.ExitCode;
        }
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
