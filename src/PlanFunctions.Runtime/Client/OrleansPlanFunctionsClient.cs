using System.Text.Json;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tools;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Client;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Messaging;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Client;

/// <summary>
/// The Orleans engine's <see cref="PlanFunctionsClient"/>: each call goes to the run's orchestrator grain or an entity grain.
/// A cancellation token stops the wait for the grain's answer, not the grain call itself.
/// </summary>
public sealed class OrleansPlanFunctionsClient(
    IGrainFactory grains,
    IInstanceStore instances,
    IToolCatalog tools,
    IRunAssistant assistant,
    IOptions<PlanFunctionsRuntimeOptions> options)
    : PlanFunctionsClient(new PlanValidationOptions
    {
        Tools = tools,
        Limits = options.Value.ToPlanLimits(),
        AiUnavailableReason = assistant.IsConfigured ? null : new PlanValidationOptions().AiUnavailableReason,
    })
{
    /// <inheritdoc/>
    public override Task<StartRunResult> StartAsync(string instanceId, Plan plan, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).StartAsync(new StartRunRequest(options.Value.WithHostDefaults(plan))).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<OrchestrationStatus?> GetStatusAsync(string instanceId, StatusQuery? query = null, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).GetStatusAsync(query ?? new StatusQuery()).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<ExecutionProgress?> GetProgressAsync(string instanceId, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IPlanMonitorGrain>(instanceId).GetAsync().WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<ControlResult> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).RaiseEventAsync(new RaiseEventRequest(eventName, payload)).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<ControlResult> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).TerminateAsync(reason).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<ControlResult> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).SuspendAsync(reason).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<ControlResult> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).ResumeAsync(reason).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<ControlResult> RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).RewindAsync(reason).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<ControlResult> PurgeAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Orchestrator(instanceId).PurgeAsync().WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        instances.QueryAsync(query, cancellationToken);

    /// <inheritdoc/>
    public override async Task<ExecutionStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, options.Value.StatisticsShards)
            .Select(shard => grains.GetGrain<IExecutionStatisticsGrain>(shard).GetAsync())).WaitAsync(cancellationToken);
        return shards.Aggregate(new ExecutionStatistics(), (sum, shard) => sum.Add(shard));
    }

    private IPlanOrchestratorGrain Orchestrator(string instanceId) => GrainReferences.Get<IPlanOrchestratorGrain>(grains, instanceId);
}
