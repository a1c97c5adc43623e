using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using PlanFunctions.Client;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Status;
using PlanFunctions.DurableTask.Entities;
using PlanFunctions.DurableTask.Hosting;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.DurableTask.Client;

/// <summary>
/// The PlanFunctions client over a Durable Task client: the Functions app's <c>[DurableClient]</c> one, or the local
/// runner's. Answers as the Orleans engine does; what it shows of a run (progress, output) is what Core built in the
/// orchestrator (its custom status and its output).
/// </summary>
public sealed class DurableTaskPlanFunctionsClient(DurableTaskClient client, PlanValidationOptions validation, DurableTaskEngineOptions options)
    : PlanFunctionsClient(validation)
{
    private readonly DurableTaskClient _client = client ?? throw new ArgumentNullException(nameof(client));
    private readonly DurableTaskEngineOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The Durable Task client underneath.</summary>
    public DurableTaskClient DurableClient => _client;

    /// <inheritdoc />
    public override async Task<StartRunResult> StartAsync(string instanceId, Plan plan, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(plan);
        var existing = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && !IsEnded(existing.RuntimeStatus))
        {
            return StartRunResult.Conflict;
        }

        var input = new RunPlanInput
        {
            Plan = _options.WithHostDefaults(plan),
            StatisticsShards = _options.StatisticsShards,
            TurnsPerGeneration = _options.TurnsPerGeneration,
            MaxTemplateExpansionChars = _options.MaxTemplateExpansionChars,
            MaxStepOutputBytes = _options.MaxStepOutputBytes,
        };
        await _client.ScheduleNewOrchestrationInstanceAsync(PlanFunctionsTaskNames.RunPlan, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        return StartRunResult.Started;
    }

    /// <inheritdoc />
    public override async Task<OrchestrationStatus?> GetStatusAsync(string instanceId, StatusQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        query ??= new StatusQuery();
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.ReadInputAs<RunPlanInput>() is not { } input)
        {
            return null;
        }

        var progress = metadata.ReadCustomStatusAs<ExecutionProgress>();
        var output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<RunOutput>() : null;
        var status = ShownStatus(metadata.RuntimeStatus, progress);
        return new OrchestrationStatus
        {
            Name = input.Plan.Name,
            InstanceId = instanceId,
            RuntimeStatus = status,
            Input = query.ShowInput ? JsonSerializer.SerializeToElement(input.Plan, PlanJson.Options) : null,
            CustomStatus = (progress ?? new ExecutionProgress { PlanId = instanceId, Status = status, TotalSteps = input.Plan.Steps.Count }) with { Status = status },
            Output = output,
            CreatedTime = metadata.CreatedAt,
            LastUpdatedTime = metadata.LastUpdatedAt,
        };
    }

    /// <inheritdoc />
    public override async Task<ExecutionProgress?> GetProgressAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var monitor = await _client.Entities.GetEntityAsync<ExecutionProgress>(new EntityInstanceId(PlanFunctionsTaskNames.PlanMonitor, instanceId), includeState: true, cancellationToken);
        if (monitor?.State is { } progress)
        {
            return progress;
        }

        return (await GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken))?.CustomStatus;
    }

    /// <inheritdoc />
    public override async Task<ControlResult> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (await RefuseAsync(instanceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (eventName == RunEventNames.ExtendTimeout
            && (payload is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("seconds", out var seconds)
                || !seconds.TryGetDouble(out var value) || value <= 0 || !double.IsFinite(value)))
        {
            return ControlResult.Invalid;
        }

        await _client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Raised as an event the orchestrator itself acts on, so Core records the termination, the output lists every step
    /// and the statistics count it; a suspended run is resumed first so that it can take the event.
    /// </remarks>
    public override async Task<ControlResult> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (Refuse(metadata) is { } refused)
        {
            return refused;
        }

        if (metadata!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
        {
            await _client.ResumeInstanceAsync(instanceId, reason, cancellationToken);
        }

        await _client.RaiseEventAsync(instanceId, RunEventNames.Terminate, reason, cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    public override async Task<ControlResult> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(instanceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await _client.SuspendInstanceAsync(instanceId, reason, cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    public override async Task<ControlResult> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(instanceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await _client.ResumeInstanceAsync(instanceId, reason, cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    public override async Task<ControlResult> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return ControlResult.NotFound;
        }

        if (!IsEnded(metadata.RuntimeStatus))
        {
            return ControlResult.Conflict;
        }

        await _client.PurgeInstanceAsync(instanceId, cancellationToken);
        await _client.Entities.SignalEntityAsync(new EntityInstanceId(PlanFunctionsTaskNames.PlanMonitor, instanceId), nameof(PlanMonitorEntity.Delete), cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    public override async Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new OrchestrationQuery
        {
            CreatedFrom = query.CreatedTimeFrom,
            CreatedTo = query.CreatedTimeTo,
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = query.Top,
            ContinuationToken = query.ContinuationToken,
            FetchInputsAndOutputs = true,
        };
        await foreach (var page in _client.GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, query.Top).WithCancellation(cancellationToken))
        {
            var records = new List<InstanceRecord>();
            foreach (var metadata in page.Values)
            {
                if (metadata.InstanceId.StartsWith('@') || metadata.ReadInputAs<RunPlanInput>() is not { } input)
                {
                    continue;
                }

                var record = new InstanceRecord
                {
                    InstanceId = metadata.InstanceId,
                    Name = input.Plan.Name,
                    RuntimeStatus = ShownStatus(metadata.RuntimeStatus, metadata.ReadCustomStatusAs<ExecutionProgress>()),
                    CreatedTime = metadata.CreatedAt,
                    LastUpdatedTime = metadata.LastUpdatedAt,
                };
                if (query.Matches(record))
                {
                    records.Add(record);
                }
            }

            return new InstancePage(records, page.ContinuationToken);
        }

        return new InstancePage([], null);
    }

    /// <inheritdoc />
    public override async Task<ExecutionStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var total = new ExecutionStatistics();
        for (var shard = 0; shard < _options.StatisticsShards; shard++)
        {
            var id = new EntityInstanceId(PlanFunctionsTaskNames.ExecutionStatistics, shard.ToString(CultureInfo.InvariantCulture));
            if ((await _client.Entities.GetEntityAsync<ExecutionStatisticsState>(id, includeState: true, cancellationToken))?.State is { } state)
            {
                total = total.Add(state.ToStatistics());
            }
        }

        return total;
    }

    /// <summary>
    /// The run's status as Core last recorded it in the custom status, where the backend's own status does not say
    /// more: Pending before the first turn, Suspended while the backend holds it, Terminated or Failed when the backend
    /// ended it without the orchestrator.
    /// </summary>
    private static RuntimeStatus ShownStatus(OrchestrationRuntimeStatus backend, ExecutionProgress? progress) => backend switch
    {
        OrchestrationRuntimeStatus.Completed => progress?.Status ?? RuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Suspended => RuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Terminated => RuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Failed => RuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Pending => RuntimeStatus.Pending,
        _ => progress is { Status: RuntimeStatus.Running or RuntimeStatus.Pending } ? progress.Status : progress is null ? RuntimeStatus.Pending : RuntimeStatus.Running,
    };

    private static bool IsEnded(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static ControlResult? Refuse(OrchestrationMetadata? metadata) => metadata switch
    {
        null => ControlResult.NotFound,
        _ when IsEnded(metadata.RuntimeStatus) => ControlResult.AlreadyEnded,
        _ => null,
    };

    private async Task<ControlResult?> RefuseAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return Refuse(await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken));
    }
}
