using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Tools.Execution;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>Adds the PlanFunctions engine to an Orleans silo.</summary>
public static class PlanFunctionsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the engine: grains, tools, options from <c>extensions:durableTask</c>, System.Text.Json serialization of
    /// PlanFunctions' types, and storage. With no storage configured by the caller the engine keeps everything in
    /// memory and says so at start-up: the embedded default, never for production.
    /// </summary>
    public static ISiloBuilder AddPlanFunctions(this ISiloBuilder silo, IConfiguration? configuration = null, Action<PlanFunctionsRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        var options = services.AddOptions<PlanFunctionsRuntimeOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(PlanFunctionsRuntimeOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlanFunctionsRuntimeOptions>, PlanFunctionsRuntimeOptionsValidator>());
        services.AddPlanFunctionsTools();
        services.TryAddSingleton<IRunAssistant, PlainRunAssistant>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlanFunctionsClient, OrleansPlanFunctionsClient>();
        services.TryAddSingleton<RunAdmission>();
        services.TryAddSingleton(sp =>
        {
            var runtime = sp.GetRequiredService<IOptions<PlanFunctionsRuntimeOptions>>().Value;
            return new ToolAttemptSettings(runtime.CancellationGracePeriod, runtime.MaxStepOutputBytes);
        });
        services.TryAddSingleton<ToolAttemptRunner>();
        services.AddPlanFunctionsSerializer();
        return silo;
    }

    /// <summary>
    /// Keeps runs, their history, the index, entity state and reminders in this process's memory, and warns at
    /// start-up that nothing survives the process.
    /// </summary>
    public static ISiloBuilder UsePlanFunctionsInMemoryStorage(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddMemoryGrainStorage(PlanFunctionsStorage.ProviderName, memory => memory.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer());
        silo.UseInMemoryReminderService();
        silo.Services.TryAddSingleton<IRunHistoryStore, InMemoryRunHistoryStore>();
        silo.Services.TryAddSingleton<IInstanceStore, InMemoryInstanceStore>();
        silo.Services.AddHostedService<InMemoryStorageWarning>();
        return silo;
    }
}
