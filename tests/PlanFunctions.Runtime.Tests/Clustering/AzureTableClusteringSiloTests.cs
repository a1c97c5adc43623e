using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.Runtime.Tests.Engine;
using PlanFunctions.TestSupport;
using static PlanFunctions.Runtime.Tests.Clustering.MembershipEntries;

namespace PlanFunctions.Runtime.Tests.Clustering;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableClusteringSiloTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_on_the_same_table_and_cluster_id_form_one_cluster_that_a_client_reaches_through_its_gateways()
    {
        var options = azurite.CreateOptions();
        var clusterId = NewClusterId();
        var serviceId = "clustering-tests-" + Guid.NewGuid().ToString("N");
        var hosts = new List<IHost>();
        try
        {
            // Two separate hosts in this process, as two machines would run them: nothing but the table joins them.
            foreach (var _ in Enumerable.Range(0, 2))
            {
                var silo = new HostBuilder()
                    .UseOrleans(silo => silo
                        .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId, serviceId))
                        .ConfigureEndpoints(IPAddress.Loopback, FreeLoopbackPort(), FreeLoopbackPort(), listenOnAnyHostAddress: false)
                        .ConfigureServices(services => services.AddPlanFunctionsSerializer())
                        .UsePlanFunctionsAzureTableClustering(o => Use(options, o)))
                    .Build();
                hosts.Add(silo);
                await silo.StartAsync();
            }

            var client = new HostBuilder()
                .UseOrleansClient(client => client
                    .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId, serviceId))
                    .AddPlanFunctionsClient()
                    .UsePlanFunctionsAzureTableClustering(o => Use(options, o)))
                .Build();
            hosts.Add(client);
            await client.StartAsync();

            var silos = hosts.Take(2).Select(h => h.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress).ToHashSet();
            Assert.Equal(2, silos.Count);

            // Each silo knows the other as active, and the table says so too.
            foreach (var silo in hosts.Take(2))
            {
                var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
                await Eventually.TrueAsync(
                    () => silos.All(s => membership.CurrentSnapshot.GetSiloStatus(s) == SiloStatus.Active),
                    Deadline,
                    "each silo should see both silos active");
            }

            var table = Table(options, clusterId);
            await Eventually.TrueAsync(
                async () => (await table.ReadAll()).Members
                    .Where(m => m.Item1.Status == SiloStatus.Active)
                    .Select(m => m.Item1.SiloAddress)
                    .ToHashSet()
                    .SetEquals(silos),
                Deadline,
                "the membership table should list both silos as active");

            // Grains land on both silos and answer the client.
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var answered = new HashSet<string>();
            await Eventually.TrueAsync(
                async () =>
                {
                    answered.UnionWith(await Task.WhenAll(Enumerable.Range(0, 10).Select(
                        _ => grains.GetGrain<IClusterProbeGrain>(Guid.NewGuid()).GetSiloAddress())));
                    return answered.Count == 2;
                },
                Deadline,
                "grains should be placed on both silos");
            Assert.Equal(silos.Select(s => s.ToString()).Order(StringComparer.Ordinal), answered.Order(StringComparer.Ordinal));
        }
        finally
        {
            // The client first, then the silos, each shut down gracefully.
            foreach (var host in Enumerable.Reverse(hosts))
            {
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await host.StopAsync(stopping.Token);
                host.Dispose();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void Use(AzureTableStorageOptions shared, AzureTableStorageOptions options)
    {
        options.ConnectionString = shared.ConnectionString;
        options.TaskHubName = shared.TaskHubName;
    }
}

public interface IClusterProbeGrain : IGrainWithGuidKey
{
    Task<string> GetSiloAddress();
}

public sealed class ClusterProbeGrain(ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    public Task<string> GetSiloAddress() => Task.FromResult(silo.SiloAddress.ToString());
}
