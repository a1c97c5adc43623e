using PlanFunctions.Runtime.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableStorageSiloTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Grain_state_and_reminders_outlive_the_cluster_that_wrote_them()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        var serviceId = "silo-tests-" + Guid.NewGuid().ToString("N");
        var key = Guid.NewGuid().ToString("N");

        await using (var first = await StartClusterAsync(hub, serviceId))
        {
            var grain = first.Client.GetGrain<IStoredCounterGrain>(key);
            await grain.Increment();
            Assert.Equal(2, await grain.Increment());
            await grain.KeepAlive();
        }

        await using var second = await StartClusterAsync(hub, serviceId);
        Assert.Equal(2, await second.Client.GetGrain<IStoredCounterGrain>(key).Get());

        var reminders = new AzureTableReminderTable(
            new AzureTableStorageOptions { ConnectionString = azurite.ConnectionString, TaskHubName = hub },
            Options.Create(new ClusterOptions { ServiceId = serviceId }),
            NullLogger<AzureTableReminderTable>.Instance);
        var row = await reminders.ReadRow(GrainId.Create("storedcounter", key), StoredCounterGrain.ReminderName);
        Assert.NotNull(row);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
    }

    private async Task<InProcessTestCluster> StartClusterAsync(string hub, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSiloHost((_, host) =>
            host.Configuration[AzureTableStorageOptions.ConnectionStringConfigurationKey] = azurite.ConnectionString);
        // This assembly's grain interfaces include PlanFunctions' own, whose types cross calls as JSON.
        builder.ConfigureClient(client => client.AddPlanFunctionsClient());
        builder.ConfigureSilo((_, silo) => silo
            .ConfigureServices(services => services.AddPlanFunctionsSerializer())
            .AddPlanFunctionsAzureTableGrainStorageAsDefault(o => o.TaskHubName = hub)
            .UsePlanFunctionsAzureTableReminderService(o => o.TaskHubName = hub));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

public interface IStoredCounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task KeepAlive();
}

[GrainType("storedcounter")]
public sealed class StoredCounterGrain([PersistentState("counter")] IPersistentState<StoredCounterGrain.Counter> counter)
    : Grain, IStoredCounterGrain, IRemindable
{
    public const string ReminderName = "keep-alive";

    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Value);

    public Task KeepAlive() => this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    public sealed class Counter
    {
        public int Value { get; set; }
    }
}
