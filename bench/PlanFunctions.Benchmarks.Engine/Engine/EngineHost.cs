using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Tools;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>
/// The engine as the runtime tests run it: an Orleans cluster of one or more silos in this process, the no-op tool
/// registered, storage in memory or on Azurite, and the history and instance stores wrapped to count their calls.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly InProcessTestCluster cluster;

    private EngineHost(InProcessTestCluster cluster, PlanFunctionsClient client, StorageCounters storage, RunEndWatcher ends, GrainCallCounter calls)
    {
        this.cluster = cluster;
        Client = client;
        Storage = storage;
        Ends = ends;
        Calls = calls;
    }

    public PlanFunctionsClient Client { get; }

    public StorageCounters Storage { get; }

    public RunEndWatcher Ends { get; }

    public GrainCallCounter Calls { get; }

    public static async Task<EngineHost> StartAsync(int silos, EngineStorage storage, AzureTableStorageOptions? azure = null)
    {
        var counters = new StorageCounters();
        var ends = new RunEndWatcher();
        var calls = new GrainCallCounter();
        var (history, instances) = storage == EngineStorage.Memory
            ? ((IRunHistoryStore)new InMemoryRunHistoryStore(), (IInstanceStore)new InMemoryInstanceStore())
            : (new AzureTableRunHistoryStore(azure!, NullLogger<AzureTableRunHistoryStore>.Instance),
                new AzureTableInstanceStore(azure!, NullLogger<AzureTableInstanceStore>.Instance));
        var countedHistory = new CountingRunHistoryStore(history, counters);
        var countedInstances = new CountingInstanceStore(instances, counters, ends);

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            silo.AddPlanFunctions(configure: options => options.RunReminderPeriod = TimeSpan.FromMinutes(1));
            silo.Services.AddPlanFunctionsTool<NoOpTool>();
            silo.Services.AddPlanFunctionsTool<WaitTool>();
            silo.Services.AddSingleton<IRunHistoryStore>(countedHistory);
            silo.Services.AddSingleton<IInstanceStore>(countedInstances);
            silo.AddIncomingGrainCallFilter(calls);
            if (storage == EngineStorage.Memory)
            {
                silo.UsePlanFunctionsInMemoryStorage();
            }
            else
            {
                silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                silo.UsePlanFunctionsAzureTableStorage(options =>
                {
                    options.ConnectionString = azure!.ConnectionString;
                    options.TaskHubName = azure.TaskHubName;
                });
            }
        });
        builder.ConfigureClient(client => client.AddPlanFunctionsClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();

        var catalog = new NameOnlyToolCatalog([.. BuiltInToolNames.All, NoOpTool.ToolName, WaitTool.ToolName]);
        var client = new OrleansPlanFunctionsClient(cluster.Client, countedInstances, catalog, new PlainRunAssistant(), Options.Create(new PlanFunctionsRuntimeOptions()));
        return new EngineHost(cluster, client, counters, ends, calls);
    }

    /// <summary>Validates a plan as the submit endpoint does (from its JSON document), once, for many starts.</summary>
    public Plan Validate(Plan plan)
    {
        var read = Client.Validate(JsonSerializer.SerializeToUtf8Bytes(plan, PlanJson.Options));
        return read.Succeeded
            ? read.Plan!
            : throw new InvalidOperationException($"The plan '{plan.Name}' is not valid: {string.Join("; ", read.Problems)}");
    }

    /// <summary>Starts a run and returns its instance id.</summary>
    public async Task<string> StartAsync(Plan validated)
    {
        var instanceId = PlanFunctionsClient.NewInstanceId();
        var started = await Client.StartAsync(instanceId, validated);
        return started == StartRunResult.Started ? instanceId : throw new InvalidOperationException($"Run {instanceId} did not start: {started}.");
    }

    /// <summary>Waits for a run to end and fails unless it completed.</summary>
    public async Task WaitForCompletedAsync(string instanceId, TimeSpan timeout)
    {
        var status = await Ends.WhenEnded(instanceId).WaitAsync(timeout);
        if (status != RuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Run {instanceId} ended {status}, not Completed.");
        }
    }

    /// <summary>
    /// The floor of any grain call here: the client asks a monitor grain with nothing to do, sequentially; the median
    /// of several rounds, per call.
    /// </summary>
    public async Task<TimeSpan> TimeEmptyGrainCallAsync(int calls)
    {
        var rounds = new List<TimeSpan>();
        for (var round = 0; round < 4; round++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                _ = await Client.GetProgressAsync("no-such-run");
            }

            rounds.Add(clock.Elapsed / calls);
        }

        return rounds.Skip(1).Order().ElementAt(1);
    }

    public async ValueTask DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
