using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;

namespace PlanFunctions.Runtime.Storage;

/// <summary>Registers the PlanFunctions Azure Table storage providers with an Orleans silo.</summary>
public static class AzureTableStorageSiloBuilderExtensions
{
    /// <summary>The name of the options the reminder table is configured with.</summary>
    public const string ReminderOptionsName = "PlanFunctionsReminders";

    /// <summary>Adds <see cref="AzureTableGrainStorage"/> as the default grain storage, used by grains that name none.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the options; the connection string defaults to the <c>AzureWebJobsStorage</c> configuration value.</param>
    public static ISiloBuilder AddPlanFunctionsAzureTableGrainStorageAsDefault(
        this ISiloBuilder builder, Action<AzureTableStorageOptions>? configure = null) =>
        builder.AddPlanFunctionsAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds <see cref="AzureTableGrainStorage"/> as the grain storage named <paramref name="name"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name grains refer to (<c>[PersistentState("state", name)]</c>).</param>
    /// <param name="configure">Sets the options; the connection string defaults to the <c>AzureWebJobsStorage</c> configuration value.</param>
    public static ISiloBuilder AddPlanFunctionsAzureTableGrainStorage(
        this ISiloBuilder builder, string name, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        AddOptions(builder.Services, name, configure);
        builder.Services.AddGrainStorage(name, static (services, providerName) => new AzureTableGrainStorage(
            providerName,
            services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(providerName),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<AzureTableGrainStorage>>()));
        return builder;
    }

    /// <summary>Keeps reminders in Azure Table Storage with <see cref="AzureTableReminderTable"/> and turns reminders on.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the options; the connection string defaults to the <c>AzureWebJobsStorage</c> configuration value.</param>
    public static ISiloBuilder UsePlanFunctionsAzureTableReminderService(
        this ISiloBuilder builder, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddReminders();
        AddOptions(builder.Services, ReminderOptionsName, configure);
        builder.Services.AddSingleton(static services => new AzureTableReminderTable(
            services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(ReminderOptionsName),
            services.GetRequiredService<IOptions<ClusterOptions>>(),
            services.GetRequiredService<ILogger<AzureTableReminderTable>>()));
        builder.Services.AddSingleton<IReminderTable>(static services => services.GetRequiredService<AzureTableReminderTable>());
        return builder;
    }

    /// <summary>Registers named options with their configurator (connection from <c>AzureWebJobsStorage</c>) and validation at start-up.</summary>
    internal static OptionsBuilder<AzureTableStorageOptions> AddOptions(IServiceCollection services, string name, Action<AzureTableStorageOptions>? configure)
    {
        var options = services.AddOptions<AzureTableStorageOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AzureTableStorageOptions>, AzureTableStorageOptionsConfigurator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureTableStorageOptions>, AzureTableStorageOptionsValidator>());
        return options;
    }
}
