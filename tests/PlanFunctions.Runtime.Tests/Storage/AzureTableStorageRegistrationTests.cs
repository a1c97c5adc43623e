using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableStorageRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_default_grain_storage_and_the_reminder_table_use_the_AzureWebJobsStorage_connection()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        using var host = BuildHost(azurite.ConnectionString, silo => silo
            .AddPlanFunctionsAzureTableGrainStorageAsDefault(o => o.TaskHubName = hub)
            .UsePlanFunctionsAzureTableReminderService(o => o.TaskHubName = hub));

        var named = host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var unnamed = host.Services.GetRequiredService<IGrainStorage>();
        var reminders = host.Services.GetRequiredService<IReminderTable>();

        var storage = Assert.IsType<AzureTableGrainStorage>(named);
        Assert.Same(named, unnamed);
        Assert.Equal(hub + "GrainState", storage.TableName);
        Assert.Equal(hub + "Reminders", Assert.IsType<AzureTableReminderTable>(reminders).TableName);

        // Reaching Azurite proves the connection string came from configuration.
        var grainId = GrainId.Create("planorchestrator", Guid.NewGuid().ToString("N"));
        var state = new GrainState<string>("hello");
        await storage.WriteStateAsync("run", grainId, state);
        var etag = await reminders.UpsertRow(new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = "keep-alive",
            StartAt = DateTime.UtcNow,
            Period = TimeSpan.FromMinutes(1),
        });
        Assert.True(state.RecordExists);
        Assert.NotNull(etag);
    }

    [Fact]
    public void A_connection_string_set_in_code_wins_over_configuration_and_named_providers_are_kept_apart()
    {
        using var host = BuildHost("not a connection string", silo => silo
            .AddPlanFunctionsAzureTableGrainStorage("runs", o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TaskHubName = "Runs";
            })
            .AddPlanFunctionsAzureTableGrainStorage("stats", o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TaskHubName = "Stats";
            }));

        var runs = Assert.IsType<AzureTableGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("runs"));
        var stats = Assert.IsType<AzureTableGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("stats"));

        Assert.Equal("RunsGrainState", runs.TableName);
        Assert.Equal("StatsGrainState", stats.TableName);
    }

    [Fact]
    public void Missing_configuration_stops_the_provider_with_the_problems_named()
    {
        using var host = BuildHost(connectionString: null, silo => silo
            .AddPlanFunctionsAzureTableGrainStorageAsDefault(o => o.TaskHubName = "bad hub"));

        var error = Assert.Throws<OptionsValidationException>(
            () => host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));

        Assert.Contains(error.Failures, f => f.Contains("ConnectionString is missing", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("TaskHubName 'bad hub'", StringComparison.Ordinal));
    }

    private static IHost BuildHost(string? connectionString, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (connectionString is not null)
        {
            builder.Configuration[AzureTableStorageOptions.ConnectionStringConfigurationKey] = connectionString;
        }

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            configure(silo);
        });
        return builder.Build();
    }
}
