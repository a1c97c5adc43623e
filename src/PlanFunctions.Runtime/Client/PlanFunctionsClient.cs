using System.Text.Json;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tools;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Messaging;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Client;

/// <summary>
/// What the HTTP API and the command line use to work with runs, as Durable Functions' durable client:
/// validate and start, query, raise events, terminate, suspend, resume, purge, list, statistics.
/// </summary>
public sealed class PlanFunctionsClient(
    IGrainFactory grains,
    IInstanceStore instances,
    IToolCatalog tools,
    IRunAssistant assistant,
    IOptions<PlanFunctionsRuntimeOptions> options)
{
    /// <summary>What plans are validated against on this host: its tools, limits, and whether AI is configured.</summary>
    public PlanValidationOptions ValidationOptions { get; } = new()
    {
        Tools = tools,
        Limits = options.Value.ToPlanLimits(),
        AiUnavailableReason = assistant.IsConfigured ? null : new PlanValidationOptions().AiUnavailableReason,
    };

    /// <summary>A new instance id: 32 hexadecimal digits, as Durable Functions makes them.</summary>
    public static string NewInstanceId() => Guid.NewGuid().ToString("N");

    /// <summary>Reads and validates a plan document, with every problem.</summary>
    public PlanReadResult Validate(ReadOnlyMemory<byte> utf8Json) => PlanValidator.ReadAndValidate(utf8Json, ValidationOptions);

    /// <summary>Starts a run of a validated plan under an instance id.</summary>
    /// <remarks>The host's default deadline, step timeout and retry policy fill in what the plan leaves out.</remarks>
    public Task<StartRunResult> StartAsync(string instanceId, Plan plan) =>
        Orchestrator(instanceId).StartAsync(new StartRunRequest(options.Value.WithHostDefaults(plan)));

    /// <summary>A run's status document, or <see langword="null"/> when no run has this id.</summary>
    public Task<OrchestrationStatus?> GetStatusAsync(string instanceId, StatusQuery? query = null) =>
        Orchestrator(instanceId).GetStatusAsync(query ?? new StatusQuery());

    /// <summary>A run's progress from its monitor entity, cheap while the run is busy.</summary>
    public Task<ExecutionProgress?> GetProgressAsync(string instanceId) =>
        grains.GetGrain<IPlanMonitorGrain>(instanceId).GetAsync();

    /// <summary>Raises an event on a run.</summary>
    public Task<ControlResult> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload) =>
        Orchestrator(instanceId).RaiseEventAsync(new RaiseEventRequest(eventName, payload));

    /// <summary>Terminates a run.</summary>
    public Task<ControlResult> TerminateAsync(string instanceId, string? reason) => Orchestrator(instanceId).TerminateAsync(reason);

    /// <summary>Suspends a run.</summary>
    public Task<ControlResult> SuspendAsync(string instanceId, string? reason) => Orchestrator(instanceId).SuspendAsync(reason);

    /// <summary>Resumes a run.</summary>
    public Task<ControlResult> ResumeAsync(string instanceId, string? reason) => Orchestrator(instanceId).ResumeAsync(reason);

    /// <summary>Purges an ended run.</summary>
    public Task<ControlResult> PurgeAsync(string instanceId) => Orchestrator(instanceId).PurgeAsync();

    /// <summary>One page of the runs that match a query.</summary>
    public Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        instances.QueryAsync(query, cancellationToken);

    /// <summary>The statistics entity, every shard added up.</summary>
    public async Task<ExecutionStatistics> GetStatisticsAsync()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, options.Value.StatisticsShards)
            .Select(shard => grains.GetGrain<IExecutionStatisticsGrain>(shard).GetAsync()));
        return shards.Aggregate(new ExecutionStatistics(), (sum, shard) => sum.Add(shard));
    }

    private IPlanOrchestratorGrain Orchestrator(string instanceId) => GrainReferences.Get<IPlanOrchestratorGrain>(grains, instanceId);
}
