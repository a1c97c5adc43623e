using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tools;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>A real Orleans cluster in this process running the engine, with the probe tool, and a client for it.</summary>
internal sealed class EngineCluster : IAsyncDisposable
{
    private EngineCluster(InProcessTestCluster cluster, PlanFunctionsClient client)
    {
        Cluster = cluster;
        Client = client;
    }

    public InProcessTestCluster Cluster { get; }

    public PlanFunctionsClient Client { get; }

    /// <summary>
    /// Starts a cluster. Without <paramref name="storage"/>, runs are kept in memory, shared by the silos of this
    /// cluster; with it, the callback configures each silo's storage, and the client reads the instance store the
    /// first silo registered.
    /// </summary>
    public static async Task<EngineCluster> StartAsync(
        int silos = 1,
        Action<ISiloBuilder>? storage = null,
        Action<PlanFunctionsRuntimeOptions>? configure = null,
        string? serviceId = null,
        Action<IServiceCollection>? services = null,
        IRunAssistant? assistant = null)
    {
        var history = new InMemoryRunHistoryStore();
        IInstanceStore instances = new InMemoryInstanceStore();
        var builder = new InProcessTestClusterBuilder((short)silos);
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }

        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPlanFunctions(configure: options =>
            {
                options.RunReminderPeriod = TimeSpan.FromMinutes(1);
                options.ActivityCheckInterval = TimeSpan.FromSeconds(2);
                options.CancellationGracePeriod = TimeSpan.FromSeconds(2);
                configure?.Invoke(options);
            });
            silo.Services.AddPlanFunctionsTool<ProbeTool>();
            services?.Invoke(silo.Services);
            if (storage is null)
            {
                silo.Services.AddSingleton<IRunHistoryStore>(history);
                silo.Services.AddSingleton(instances);
                silo.UsePlanFunctionsInMemoryStorage();
            }
            else
            {
                silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                storage(silo);
            }
        });
        builder.ConfigureClient(client => client.AddPlanFunctionsClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        if (storage is not null)
        {
            instances = cluster.Silos[0].ServiceProvider.GetRequiredService<IInstanceStore>();
        }

        var runtimeOptions = new PlanFunctionsRuntimeOptions();
        configure?.Invoke(runtimeOptions);
        var catalog = new NameOnlyToolCatalog([.. BuiltInToolNames.All, "probe"]);
        var client = new OrleansPlanFunctionsClient(cluster.Client, instances, catalog, assistant ?? new PlainRunAssistant(), Options.Create(runtimeOptions));
        return new EngineCluster(cluster, client);
    }

    /// <summary>Reads, validates and starts a plan under a new instance id, failing the test on any problem.</summary>
    public async Task<string> StartAsync(string planJson, string? instanceId = null)
    {
        var read = Client.Validate(System.Text.Encoding.UTF8.GetBytes(planJson));
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Problems));
        instanceId ??= PlanFunctionsClient.NewInstanceId();
        Assert.Equal(StartRunResult.Started, await Client.StartAsync(instanceId, read.Plan!));
        return instanceId;
    }

    /// <summary>Waits for a run to end and returns its status document.</summary>
    public async Task<OrchestrationStatus> WaitForEndAsync(string instanceId, TimeSpan? timeout = null)
    {
        OrchestrationStatus? status = null;
        await Eventually.TrueAsync(async () =>
        {
            status = await Client.GetStatusAsync(instanceId);
            return status?.Output is not null;
        }, timeout ?? TimeSpan.FromSeconds(30), $"run {instanceId} did not end");
        return status!;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
