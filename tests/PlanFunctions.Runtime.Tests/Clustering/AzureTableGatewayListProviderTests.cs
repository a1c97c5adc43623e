using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using PlanFunctions.Runtime.Clustering;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;
using static PlanFunctions.Runtime.Tests.Clustering.MembershipEntries;

namespace PlanFunctions.Runtime.Tests.Clustering;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableGatewayListProviderTests(AzuriteFixture azurite)
{
    private readonly AzureTableStorageOptions _options = azurite.CreateOptions();
    private readonly string _clusterId = NewClusterId();

    [Fact]
    public async Task Only_active_silos_with_a_gateway_port_of_this_cluster_are_listed_at_their_gateway_port()
    {
        var table = Table(_options, _clusterId);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        var gateway = NewSilo();
        var otherGateway = NewSilo();
        foreach (var entry in new[]
        {
            Entry(gateway, SiloStatus.Active, proxyPort: 30001),
            Entry(otherGateway, SiloStatus.Active, proxyPort: 30002),
            Entry(NewSilo(), SiloStatus.Active, proxyPort: 0),
            Entry(NewSilo(), SiloStatus.Joining, proxyPort: 30003),
            Entry(NewSilo(), SiloStatus.ShuttingDown, proxyPort: 30004),
            Entry(NewSilo(), SiloStatus.Dead, proxyPort: 30005),
        })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        var otherCluster = Table(_options, _clusterId + "-other");
        await otherCluster.InitializeMembershipTable(tryInitTableVersion: true);
        Assert.True(await otherCluster.InsertRow(Entry(NewSilo(), SiloStatus.Active, proxyPort: 30006), (await otherCluster.ReadAll()).Version.Next()));

        var provider = Provider(_clusterId);
        await provider.InitializeGatewayListProvider();
        var gateways = await provider.GetGateways();

        Assert.Equal(
            new[]
            {
                SiloAddress.New(gateway.Endpoint.Address, 30001, gateway.Generation).ToGatewayUri(),
                SiloAddress.New(otherGateway.Endpoint.Address, 30002, otherGateway.Generation).ToGatewayUri(),
            }.Select(uri => uri.ToString()).Order(StringComparer.Ordinal),
            gateways.Select(uri => uri.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cluster_without_silos_has_no_gateways_even_before_its_table_exists()
    {
        var provider = Provider(NewClusterId());

        await provider.InitializeGatewayListProvider();

        Assert.Empty(await provider.GetGateways());
    }

    [Fact]
    public void The_list_is_refreshed_as_often_as_the_gateway_options_say()
    {
        var provider = Provider(_clusterId, new GatewayOptions { GatewayListRefreshPeriod = TimeSpan.FromSeconds(7) });

        Assert.True(provider.IsUpdatable);
        Assert.Equal(TimeSpan.FromSeconds(7), provider.MaxStaleness);
    }

    private AzureTableGatewayListProvider Provider(string cluster, GatewayOptions? gatewayOptions = null) => new(
        _options,
        Options.Create(new ClusterOptions { ClusterId = cluster, ServiceId = "membership-tests" }),
        Options.Create(gatewayOptions ?? new GatewayOptions()),
        NullLogger<AzureTableGatewayListProvider>.Instance);
}
