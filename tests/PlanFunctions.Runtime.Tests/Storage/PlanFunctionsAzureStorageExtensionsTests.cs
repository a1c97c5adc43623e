using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Storage;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class PlanFunctionsAzureStorageExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Azure_storage_keeps_every_table_of_the_configured_hub_in_the_AzureWebJobsStorage_account()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        using var host = BuildHost(
            new() { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["extensions:durableTask:hubName"] = hub },
            (silo, configuration) => silo.AddPlanFunctions(configuration).UsePlanFunctionsAzureTableStorage());

        var grainStorage = Assert.IsType<AzureTableGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(PlanFunctionsStorage.ProviderName));
        var reminders = Assert.IsType<AzureTableReminderTable>(host.Services.GetRequiredService<IReminderTable>());
        var history = Assert.IsType<AzureTableRunHistoryStore>(host.Services.GetRequiredService<IRunHistoryStore>());
        var instances = Assert.IsType<AzureTableInstanceStore>(host.Services.GetRequiredService<IInstanceStore>());

        Assert.Equal(
            [hub + "GrainState", hub + "Reminders", hub + "History", hub + "Instances"],
            [grainStorage.TableName, reminders.TableName, history.TableName, instances.TableName]);
        Assert.Same(history, host.Services.GetRequiredService<IRunHistoryStore>());

        // Reaching Azurite proves the connection string came from configuration.
        await instances.UpsertAsync(new InstanceRecord
        {
            InstanceId = "run-1",
            Name = "Report",
            RuntimeStatus = RuntimeStatus.Pending,
            CreatedTime = DateTimeOffset.UnixEpoch,
            LastUpdatedTime = DateTimeOffset.UnixEpoch,
        });
        Assert.NotNull(await instances.GetAsync("run-1"));
    }

    [Fact]
    public void Options_set_in_code_win_over_configuration_for_every_table()
    {
        using var host = BuildHost(
            new() { ["AzureWebJobsStorage"] = "not a connection string", ["extensions:durableTask:hubName"] = "FromConfig" },
            (silo, configuration) => silo.AddPlanFunctions(configuration).UsePlanFunctionsAzureTableStorage(o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TaskHubName = "FromCode";
            }));

        Assert.Equal("FromCodeHistory", Assert.IsType<AzureTableRunHistoryStore>(host.Services.GetRequiredService<IRunHistoryStore>()).TableName);
        Assert.Equal("FromCodeInstances", Assert.IsType<AzureTableInstanceStore>(host.Services.GetRequiredService<IInstanceStore>()).TableName);
        Assert.Equal("FromCodeReminders", Assert.IsType<AzureTableReminderTable>(host.Services.GetRequiredService<IReminderTable>()).TableName);
        Assert.Equal("FromCodeGrainState",
            Assert.IsType<AzureTableGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(PlanFunctionsStorage.ProviderName)).TableName);
    }

    [Fact]
    public void An_identity_based_AzureWebJobsStorage_chooses_Azure_tables_with_the_endpoint_and_client_id_as_Azure_Functions_reads_them()
    {
        using var host = BuildHost(
            new()
            {
                ["AzureWebJobsStorage:accountName"] = "plans",
                ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-0000000000c1",
            },
            (silo, configuration) => silo.AddPlanFunctions(configuration).UsePlanFunctionsStorage(configuration));

        Assert.IsType<AzureTableRunHistoryStore>(host.Services.GetRequiredService<IRunHistoryStore>());
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<AzureTableStorageOptions>>().Get(PlanFunctionsStorage.ProviderName);
        Assert.Null(options.ConnectionString);
        Assert.Equal(new Uri("https://plans.table.core.windows.net/"), options.TableServiceUri);
        Assert.Equal("00000000-0000-0000-0000-0000000000c1", options.ClientId);
    }

    [Fact]
    public void A_tableServiceUri_wins_over_the_account_name_and_no_connection_at_all_is_named_in_the_error()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "plans",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.test/",
        }).Build().GetSection("AzureWebJobsStorage");

        Assert.Equal(new Uri("https://tables.example.test/"), AzureTableStorageOptions.TableServiceUriFrom(section));
        var problem = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => AzureTableStorageOptionsValidator.ThrowIfInvalid(new AzureTableStorageOptions())).Message;
        Assert.Contains("tableServiceUri", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Stores_registered_before_are_kept()
    {
        var history = new InMemoryRunHistoryStore();
        var instances = new InMemoryInstanceStore();
        using var host = BuildHost(
            new() { ["AzureWebJobsStorage"] = azurite.ConnectionString },
            (silo, _) =>
            {
                silo.Services.AddSingleton<IRunHistoryStore>(history).AddSingleton<IInstanceStore>(instances);
                silo.UsePlanFunctionsAzureTableStorage();
            });

        Assert.Same(history, host.Services.GetRequiredService<IRunHistoryStore>());
        Assert.Same(instances, host.Services.GetRequiredService<IInstanceStore>());
    }

    [Fact]
    public void Without_a_connection_string_state_stays_in_memory()
    {
        using var host = BuildHost([], (silo, configuration) => silo.UsePlanFunctionsStorage(configuration));

        Assert.IsType<InMemoryRunHistoryStore>(host.Services.GetRequiredService<IRunHistoryStore>());
        Assert.IsType<InMemoryInstanceStore>(host.Services.GetRequiredService<IInstanceStore>());
        Assert.IsNotType<AzureTableGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(PlanFunctionsStorage.ProviderName));
    }

    [Fact]
    public void With_AzureWebJobsStorage_set_state_goes_to_Azure_tables()
    {
        using var host = BuildHost(
            new() { ["AzureWebJobsStorage"] = azurite.ConnectionString },
            (silo, configuration) => silo.UsePlanFunctionsStorage(configuration, o => o.TaskHubName = "Chosen"));

        Assert.Equal("ChosenHistory", Assert.IsType<AzureTableRunHistoryStore>(host.Services.GetRequiredService<IRunHistoryStore>()).TableName);
        Assert.IsType<AzureTableInstanceStore>(host.Services.GetRequiredService<IInstanceStore>());
        Assert.IsType<AzureTableGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(PlanFunctionsStorage.ProviderName));
    }

    [Fact]
    public void A_connection_string_set_in_code_also_chooses_Azure_tables()
    {
        using var host = BuildHost([], (silo, configuration) => silo.UsePlanFunctionsStorage(configuration, o => o.ConnectionString = azurite.ConnectionString));

        Assert.IsType<AzureTableRunHistoryStore>(host.Services.GetRequiredService<IRunHistoryStore>());
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, Action<ISiloBuilder, IConfiguration> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            configure(silo, builder.Configuration);
        });
        return builder.Build();
    }
}
