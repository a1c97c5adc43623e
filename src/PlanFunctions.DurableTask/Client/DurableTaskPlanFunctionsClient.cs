using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using PlanFunctions.Client;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
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
/// runner's. Answers as the Orleans engine does: a run's status document is the one Core builds from the run's events,
/// read from its <c>RunJournal</c> entities, with the backend's own status where Core cannot know it.
/// </summary>
/// <param name="client">The Durable Task client.</param>
/// <param name="validation">What plans are validated against.</param>
/// <param name="options">The engine's settings.</param>
/// <param name="time">The clock the progress of a run under way is computed at; the system's by default.</param>
public sealed class DurableTaskPlanFunctionsClient(DurableTaskClient client, PlanValidationOptions validation, DurableTaskEngineOptions options, TimeProvider? time = null)
    : PlanFunctionsClient(validation)
{
    private readonly DurableTaskClient _client = client ?? throw new ArgumentNullException(nameof(client));
    private readonly DurableTaskEngineOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How long a rewind waits for the orchestration of a run that has ended Failed to end too.</summary>
    private static readonly TimeSpan RewindWaitForEnd = TimeSpan.FromSeconds(30);

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

        var input = _options.ToRunInput(plan, Guid.NewGuid().ToString("N"), _time.GetUtcNow());
        await _client.ScheduleNewOrchestrationInstanceAsync(PlanFunctionsTaskNames.RunPlan, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        return StartRunResult.Started;
    }

    /// <inheritdoc />
    public override async Task<OrchestrationStatus?> GetStatusAsync(string instanceId, StatusQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        query ??= new StatusQuery();
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.InstanceId.StartsWith('@'))
        {
            return null;
        }

        var raw = metadata.ReadInputAs<JsonElement>();
        if (RunPlanInput.TryRead(raw) is not { } input)
        {
            return BarePlanStatus(metadata, raw, query);
        }

        var events = await ReadEventsAsync(instanceId, input, cancellationToken);
        if (events.Count == 0)
        {
            // Started, but its first events have not reached the journal yet.
            return NotYetJournaled(metadata, input, query);
        }

        var run = Fold(events, input);
        var document = RunStatusDocument.Build(run, _time.GetUtcNow(), query, admitted: true, query.ShowHistory ? events : null);
        return BackendStatus(metadata, run) is { } backend
            ? document with
            {
                RuntimeStatus = backend,
                CustomStatus = document.CustomStatus with { Status = backend },
                Output = document.Output ?? FailedOutput(metadata, run.GetOutput()),
            }
            : document;
    }

    /// <summary>
    /// The run's events, generation after generation. Each generation's journal is complete once the next generation
    /// (or the run's end) shows, as the orchestrator flushes it with an awaited call before it continues.
    /// </summary>
    /// <remarks>
    /// A run accepted whose first turn is still to come is the one Core starts with the event the orchestrator will
    /// record; an empty list when not even that is known (a bare plan, or a generation's journal not yet written).
    /// </remarks>
    private async Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string instanceId, RunPlanInput input, CancellationToken cancellationToken)
    {
        var events = new List<RunEvent>();
        for (var generation = 0; generation <= input.Generation; generation++)
        {
            var journal = await _client.Entities.GetEntityAsync<RunJournalState>(RunJournalEntity.IdOf(instanceId, input.RunToken, generation), includeState: true, cancellationToken);
            if (journal?.State is { } state)
            {
                events.AddRange(state.Events);
            }
        }

        if (events.Count == 0 && input.Generation == 0 && input.StartEvent(instanceId) is { } started)
        {
            events.Add(started);
        }

        return events.Count > 0 && events[0] is RunStarted ? events : [];
    }

    /// <summary>
    /// The status the backend knows and Core cannot: Pending before the first turn, Suspended while the backend holds the
    /// run (Durable Functions' own suspend), Terminated or Failed when the backend ended it without the orchestrator.
    /// </summary>
    private static RuntimeStatus? BackendStatus(OrchestrationMetadata metadata, PlanRun run) => metadata.RuntimeStatus switch
    {
        _ when run.IsEnded => null,
        OrchestrationRuntimeStatus.Pending => RuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => RuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Terminated => RuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Failed => RuntimeStatus.Failed,
        _ => null,
    };

    /// <summary>The output of a run the backend failed: its failure (DurableTask.Core's Azure Storage backend keeps it as the output).</summary>
    private static RunOutput? FailedOutput(OrchestrationMetadata metadata, RunOutput? output) =>
        metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && (metadata.FailureDetails?.ErrorMessage ?? metadata.SerializedOutput) is { } failure
            ? new RunOutput { Outcome = RunOutcome.Failed, Steps = output?.Steps ?? new Dictionary<string, StepOutcome>(), Error = failure }
            : output;

    /// <summary>A run whose orchestrator has not yet journaled its start: its plan and the backend's status.</summary>
    private static OrchestrationStatus NotYetJournaled(OrchestrationMetadata metadata, RunPlanInput input, StatusQuery query)
    {
        var plan = input.RunPlan!;
        var status = ShownStatus(metadata.RuntimeStatus, metadata.ReadCustomStatusAs<ExecutionProgress>());
        return new OrchestrationStatus
        {
            Name = plan.Name,
            InstanceId = metadata.InstanceId,
            RuntimeStatus = status,
            Input = query.ShowInput ? JsonSerializer.SerializeToElement(plan, PlanJson.Options) : null,
            CustomStatus = new ExecutionProgress { PlanId = metadata.InstanceId, Status = status, TotalSteps = plan.Steps.Count },
            Output = FailedOutput(metadata, null),
            CreatedTime = metadata.CreatedAt,
            LastUpdatedTime = metadata.LastUpdatedAt,
            HistoryEvents = query.ShowHistory ? [] : null,
        };
    }

    /// <summary>
    /// A run started with a bare plan (Durable Functions' own start route) that has not become a run yet: being
    /// validated, or Failed naming every problem of the plan.
    /// </summary>
    private static OrchestrationStatus BarePlanStatus(OrchestrationMetadata metadata, JsonElement plan, StatusQuery query)
    {
        var status = ShownStatus(metadata.RuntimeStatus, null);
        return new OrchestrationStatus
        {
            Name = plan.ValueKind == JsonValueKind.Object && plan.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty,
            InstanceId = metadata.InstanceId,
            RuntimeStatus = status,
            Input = query.ShowInput && plan.ValueKind != JsonValueKind.Undefined ? plan : null,
            CustomStatus = new ExecutionProgress { PlanId = metadata.InstanceId, Status = status },
            Output = FailedOutput(metadata, null),
            CreatedTime = metadata.CreatedAt,
            LastUpdatedTime = metadata.LastUpdatedAt,
            HistoryEvents = query.ShowHistory ? [] : null,
        };
    }

    /// <inheritdoc />
    /// <remarks>
    /// The status document's <c>customStatus</c>, from the run's journal: the same progress at the same moment, where the
    /// <c>PlanMonitor</c> entity (kept for dashboards and the entity API) may lag a turn behind.
    /// </remarks>
    public override async Task<ExecutionProgress?> GetProgressAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return (await GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken))?.CustomStatus;
    }

    /// <inheritdoc />
    public override async Task<ControlResult> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var (result, _) = await DecideAsync(instanceId, ControlRequest.RaiseEvent(eventName, payload), cancellationToken);
        if (result != ControlResult.Accepted)
        {
            return result;
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
        var (result, metadata) = await DecideAsync(instanceId, ControlRequest.Terminate(reason), cancellationToken);
        if (result != ControlResult.Accepted)
        {
            return result;
        }

        if (metadata!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
        {
            await _client.ResumeInstanceAsync(instanceId, reason, cancellationToken);
        }

        await _client.RaiseEventAsync(instanceId, RunEventNames.Terminate, reason, cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Raised as an event the orchestrator acts on, so that Core records the suspension and holds new steps back while
    /// events and results still come in, as on the Orleans engine (the backend's own suspend would hold those too).
    /// </remarks>
    public override async Task<ControlResult> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        var (result, _) = await DecideAsync(instanceId, ControlRequest.Suspend(reason), cancellationToken);
        if (result != ControlResult.Accepted)
        {
            return result;
        }

        await _client.RaiseEventAsync(instanceId, RunEventNames.Suspend, reason, cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    /// <remarks>Resumes a run suspended by the backend (Durable Functions' own suspend) too.</remarks>
    public override async Task<ControlResult> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        var (result, metadata) = await DecideAsync(instanceId, ControlRequest.Resume(reason), cancellationToken);
        if (result != ControlResult.Accepted)
        {
            return result;
        }

        if (metadata!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended)
        {
            await _client.ResumeInstanceAsync(instanceId, reason, cancellationToken);
        }

        await _client.RaiseEventAsync(instanceId, RunEventNames.Resume, reason, cancellationToken);
        return ControlResult.Accepted;
    }

    /// <inheritdoc />
    public override async Task<ControlResult> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var (result, metadata) = await DecideAsync(instanceId, ControlRequest.Purge(), cancellationToken);
        if (result != ControlResult.Accepted)
        {
            return result;
        }

        await _client.PurgeInstanceAsync(instanceId, cancellationToken);
        await _client.Entities.SignalEntityAsync(new EntityInstanceId(PlanFunctionsTaskNames.PlanMonitor, instanceId), nameof(PlanMonitorEntity.Delete), cancellationToken);
        if (RunPlanInput.TryRead(metadata!.ReadInputAs<JsonElement>()) is { } input)
        {
            for (var generation = 0; generation <= input.Generation; generation++)
            {
                await _client.Entities.SignalEntityAsync(RunJournalEntity.IdOf(instanceId, input.RunToken, generation), nameof(RunJournalEntity.Delete), cancellationToken);
            }
        }

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
                if (metadata.InstanceId.StartsWith('@') || RunPlanInput.TryRead(metadata.ReadInputAs<JsonElement>()) is not { } input)
                {
                    continue;
                }

                var record = new InstanceRecord
                {
                    InstanceId = metadata.InstanceId,
                    Name = input.RunPlan!.Name,
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

    /// <summary>
    /// Core's answer to a control request (<see cref="RunControl.Decide"/>) for the run as its journal shows it, where the
    /// backend has not ended it already. A run still being prepared from a bare plan takes every request but a purge.
    /// </summary>
    /// <inheritdoc />
    /// <remarks>
    /// Core decides on the run's history; an accepted rewind starts the instance again (a Durable Task instance that has
    /// ended may be scheduled anew under its id) with the ended run's snapshot as its next generation, whose first event
    /// is Core's <c>RunRewound</c>. The backend's own rewind is not used: a plan run that ends Failed is an orchestration
    /// that completed, which the backend does not rewind.
    /// </remarks>
    public override async Task<ControlResult> RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || instanceId.StartsWith('@'))
        {
            return ControlResult.NotFound;
        }

        var input = RunPlanInput.TryRead(metadata.ReadInputAs<JsonElement>());
        if (input is null)
        {
            // A bare plan that never became a run: nothing to rewind.
            return ControlResult.Conflict;
        }

        var events = await ReadEventsAsync(instanceId, input, cancellationToken);
        var run = Fold(events, input);
        var decision = RunControl.Decide(run, ControlRequest.Rewind(reason), _time.GetUtcNow());
        if (decision.Result != ControlResult.Accepted)
        {
            return decision.Result;
        }

        if (!IsEnded(metadata.RuntimeStatus))
        {
            // Core's run has ended Failed and its journal is complete, but Durable Task ends an orchestration only once its
            // activities have (a step of a stopOnFailure run may still be running to its timeout): the shell is
            // terminated, which loses nothing of the run, so that the instance can be scheduled anew.
            await _client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = "rewound: the run had already ended Failed" }, cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(RewindWaitForEnd);
            try
            {
                await _client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ControlResult.Conflict;
            }
        }

        var next = input with
        {
            Plan = null,
            StartedAt = null,
            Snapshot = run.ToSnapshot(),
            Generation = input.Generation + 1,
            Rewind = true,
            RewindReason = reason,
        };
        await _client.ScheduleNewOrchestrationInstanceAsync(PlanFunctionsTaskNames.RunPlan, next, new StartOrchestrationOptions(instanceId), cancellationToken);
        return ControlResult.Accepted;
    }

    /// <summary>The run as Core folds its events, under the limits it was started with.</summary>
    private PlanRun Fold(IReadOnlyList<RunEvent> events, RunPlanInput input) => PlanRun.FromHistory(events, input.Limits ?? ValidationOptions.Limits);

    private async Task<(ControlResult Result, OrchestrationMetadata? Metadata)> DecideAsync(string instanceId, ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || instanceId.StartsWith('@'))
        {
            return (ControlResult.NotFound, null);
        }

        if (IsEnded(metadata.RuntimeStatus))
        {
            return (request.Kind == ControlKind.Purge ? ControlResult.Accepted : ControlResult.AlreadyEnded, metadata);
        }

        var input = RunPlanInput.TryRead(metadata.ReadInputAs<JsonElement>());
        var events = input is null ? [] : await ReadEventsAsync(instanceId, input, cancellationToken);
        if (input is null || events.Count == 0)
        {
            return (request.Kind == ControlKind.Purge ? ControlResult.Conflict : ControlResult.Accepted, metadata);
        }

        var run = Fold(events, input);
        return (RunControl.Decide(run, request, _time.GetUtcNow()).Result, metadata);
    }
}
