using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;
using PlanFunctions.Runtime.Clustering;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Clustering;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableClusteringRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Silo_and_client_find_the_membership_table_of_the_configured_hub_and_storage_account()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        using var silo = SiloHost(Configuration(azurite.ConnectionString, hub), configure: null);
        using var client = ClientHost(Configuration(azurite.ConnectionString, hub), configure: null);

        var table = Assert.IsType<AzureTableMembershipTable>(silo.Services.GetRequiredService<IMembershipTable>());
        var gateways = Assert.IsType<AzureTableGatewayListProvider>(client.Services.GetRequiredService<IGatewayListProvider>());

        Assert.Equal(hub + "Membership", table.TableName);
        Assert.Equal(table.TableName, gateways.TableName);
        // Reaching Azurite proves the connection string came from configuration.
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        Assert.Equal(0, (await table.ReadAll()).Version.Version);
    }

    [Fact]
    public void Options_set_in_code_win_over_configuration()
    {
        using var silo = SiloHost(Configuration("not a connection string", "FromConfig"), o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TaskHubName = "FromCode";
        });

        var table = Assert.IsType<AzureTableMembershipTable>(silo.Services.GetRequiredService<IMembershipTable>());

        Assert.Equal("FromCodeMembership", table.TableName);
    }

    [Fact]
    public void Missing_configuration_stops_the_client_with_the_problems_named()
    {
        using var client = ClientHost(Configuration(connectionString: null, hub: null), o => o.TaskHubName = "bad hub");

        var error = Assert.Throws<OptionsValidationException>(() => client.Services.GetRequiredService<IGatewayListProvider>());

        Assert.Contains(error.Failures, f => f.Contains("ConnectionString is missing", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("TaskHubName 'bad hub'", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Configuration(string? connectionString, string? hub) => new()
    {
        [AzureTableStorageOptions.ConnectionStringConfigurationKey] = connectionString,
        [PlanFunctionsRuntimeOptions.SectionName + ":hubName"] = hub,
    };

    private static IHost SiloHost(Dictionary<string, string?> configuration, Action<AzureTableStorageOptions>? configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.UseOrleans(silo => silo.UsePlanFunctionsAzureTableClustering(configure));
        return builder.Build();
    }

    private static IHost ClientHost(Dictionary<string, string?> configuration, Action<AzureTableStorageOptions>? configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.UseOrleansClient(client => client.UsePlanFunctionsAzureTableClustering(configure));
        return builder.Build();
    }
}
