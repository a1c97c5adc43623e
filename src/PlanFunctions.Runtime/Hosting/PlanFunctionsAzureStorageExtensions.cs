using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Storage;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>Chooses where the PlanFunctions engine keeps its state: Azure Table Storage, or memory.</summary>
public static class PlanFunctionsAzureStorageExtensions
{
    /// <summary>
    /// Keeps entity state, reminders, run histories and the instance index in Azure Table Storage, in the tables of one
    /// task hub (<c>{hub}GrainState</c>, <c>{hub}Reminders</c>, <c>{hub}History</c>, <c>{hub}Instances</c>) of one
    /// storage account. The hub defaults to <c>extensions:durableTask:hubName</c>, the connection string to the
    /// <c>AzureWebJobsStorage</c> configuration value; <paramref name="configure"/> overrides both. The history and
    /// instance stores are added only if none is registered yet, so a test can put its own first.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configure">Sets the options for every table.</param>
    public static ISiloBuilder UsePlanFunctionsAzureTableStorage(this ISiloBuilder silo, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        foreach (var name in (ReadOnlySpan<string>)[PlanFunctionsStorage.ProviderName, AzureTableStorageSiloBuilderExtensions.ReminderOptionsName])
        {
            // Registered before the caller's configure, which runs later and wins.
            services.AddOptions<AzureTableStorageOptions>(name)
                .Configure<IOptions<PlanFunctionsRuntimeOptions>>(static (options, runtime) => options.TaskHubName = runtime.Value.HubName);
        }

        silo.AddPlanFunctionsAzureTableGrainStorage(PlanFunctionsStorage.ProviderName, configure);
        silo.UsePlanFunctionsAzureTableReminderService(configure);
        services.TryAddSingleton<IRunHistoryStore>(static services => new AzureTableRunHistoryStore(
            StorageOptions(services), services.GetRequiredService<ILogger<AzureTableRunHistoryStore>>()));
        services.TryAddSingleton<IInstanceStore>(static services => new AzureTableInstanceStore(
            StorageOptions(services), services.GetRequiredService<ILogger<AzureTableInstanceStore>>()));
        return silo;
    }

    /// <summary>
    /// Azure Table Storage (<see cref="UsePlanFunctionsAzureTableStorage"/>) when <paramref name="configuration"/> has an
    /// <c>AzureWebJobsStorage</c> connection string or <paramref name="configure"/> sets one; otherwise memory
    /// (<see cref="PlanFunctionsSiloBuilderExtensions.UsePlanFunctionsInMemoryStorage"/>), with its warning at start-up.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">Where the <c>AzureWebJobsStorage</c> connection string is looked for.</param>
    /// <param name="configure">Sets the Azure Table Storage options; not used when state stays in memory.</param>
    public static ISiloBuilder UsePlanFunctionsStorage(
        this ISiloBuilder silo, IConfiguration configuration, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[AzureTableStorageOptions.ConnectionStringConfigurationKey];
        var probe = new AzureTableStorageOptions();
        configure?.Invoke(probe);
        var identity = AzureTableStorageOptions.TableServiceUriFrom(configuration.GetSection(AzureTableStorageOptions.ConnectionStringConfigurationKey));
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(probe.ConnectionString) && identity is null && probe.TableServiceUri is null)
        {
            return silo.UsePlanFunctionsInMemoryStorage();
        }

        return silo.UsePlanFunctionsAzureTableStorage(options =>
        {
            // The configuration that chose Azure also supplies the connection string, even if the host's differs.
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                options.ConnectionString = connectionString;
            }

            configure?.Invoke(options);
        });
    }

    private static AzureTableStorageOptions StorageOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(PlanFunctionsStorage.ProviderName);
}
