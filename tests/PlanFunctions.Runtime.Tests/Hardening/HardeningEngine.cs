using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Runtime.Tests.Engine;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>
/// An in-process engine with the poison tool registered, on in-memory storage that the test may hand in
/// (wrapped to inject faults). Its client is the silo's own, so it knows every tool the silo has.
/// </summary>
internal sealed class HardeningEngine : IAsyncDisposable
{
    private readonly EngineCluster _cluster;

    private HardeningEngine(EngineCluster cluster)
    {
        _cluster = cluster;
        Client = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<PlanFunctionsClient>();
    }

    public PlanFunctionsClient Client { get; }

    public static async Task<HardeningEngine> StartAsync(
        Action<PlanFunctionsRuntimeOptions>? configure = null,
        IRunHistoryStore? history = null,
        IInstanceStore? instances = null)
    {
        var cluster = await EngineCluster.StartAsync(
            storage: silo =>
            {
                if (history is not null)
                {
                    silo.Services.AddSingleton(history);
                }

                if (instances is not null)
                {
                    silo.Services.AddSingleton(instances);
                }

                silo.UsePlanFunctionsInMemoryStorage();
            },
            configure: configure,
            services: services => services.AddPlanFunctionsTool<PoisonTool>());
        return new HardeningEngine(cluster);
    }

    /// <summary>Reads, validates and starts a plan under a new instance id, failing the test on any problem.</summary>
    public async Task<string> StartAsync(string planJson)
    {
        var read = Client.Validate(Encoding.UTF8.GetBytes(planJson));
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Problems));
        var instanceId = PlanFunctionsClient.NewInstanceId();
        Assert.Equal(StartRunResult.Started, await Client.StartAsync(instanceId, read.Plan!));
        return instanceId;
    }

    /// <summary>Waits for a run to end and returns its status document.</summary>
    public async Task<OrchestrationStatus> WaitForEndAsync(string instanceId, TimeSpan timeout)
    {
        OrchestrationStatus? status = null;
        await Eventually.TrueAsync(async () =>
        {
            status = await Client.GetStatusAsync(instanceId);
            return status?.Output is not null;
        }, timeout, $"run {instanceId} did not end");
        return status!;
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
