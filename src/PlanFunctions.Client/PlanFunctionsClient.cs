using System.Text.Json;
using PlanFunctions.Client.Entities;
using PlanFunctions.Client.Health;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Client;

/// <summary>
/// What the HTTP API and the command line use to work with runs, whichever engine runs them (as Durable Task's
/// <c>DurableTaskClient</c>): validate and start, query, raise events, terminate, suspend, resume, purge, list,
/// statistics, the entities and a health probe. Each engine implements the abstract members; the answers are Core's,
/// so a caller cannot tell the engines apart.
/// </summary>
/// <remarks>
/// A cancellation token stops the caller's wait, as with <c>DurableTaskClient</c>: an operation the engine has already
/// been handed may still take effect.
/// </remarks>
/// <param name="validationOptions">What plans are validated against on this host: its tools, limits, and whether AI is configured.</param>
public abstract class PlanFunctionsClient(PlanValidationOptions validationOptions)
{
    private static readonly TimeSpan HealthProbeLimit = TimeSpan.FromSeconds(5);

    /// <summary>What plans are validated against on this host: its tools, limits, and whether AI is configured.</summary>
    public PlanValidationOptions ValidationOptions { get; } = validationOptions ?? throw new ArgumentNullException(nameof(validationOptions));

    /// <summary>
    /// The orchestrator's name for a plan run, as the Functions app names its orchestrator function: what Durable
    /// Functions' start route and clients' <c>startNew</c> ask for.
    /// </summary>
    public const string OrchestratorName = "RunPlan";

    /// <summary>A new instance id: 32 hexadecimal digits, as Durable Functions makes them.</summary>
    public static string NewInstanceId() => Guid.NewGuid().ToString("N");

    /// <summary>Reads and validates a plan document, with every problem.</summary>
    public PlanReadResult Validate(ReadOnlyMemory<byte> utf8Json) => PlanValidator.ReadAndValidate(utf8Json, ValidationOptions);

    /// <summary>Starts a run of a validated plan under an instance id; refused while a run under that id has not ended.</summary>
    /// <remarks>The host's default deadline, step timeout and retry policy fill in what the plan leaves out.</remarks>
    public abstract Task<StartRunResult> StartAsync(string instanceId, Plan plan, CancellationToken cancellationToken = default);

    /// <summary>A run's status document, or <see langword="null"/> when no run has this id.</summary>
    public abstract Task<OrchestrationStatus?> GetStatusAsync(string instanceId, StatusQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>A run's progress from its monitor entity, cheap while the run is busy; <see langword="null"/> when unknown.</summary>
    public abstract Task<ExecutionProgress?> GetProgressAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Raises an event on a run: <c>cancel</c>, <c>extendTimeout</c>, or one for its <c>waitForEvent</c> steps.</summary>
    public abstract Task<ControlResult> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken = default);

    /// <summary>Terminates a run: it stops at once.</summary>
    public abstract Task<ControlResult> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Suspends a run: no new step starts.</summary>
    public abstract Task<ControlResult> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended run.</summary>
    public abstract Task<ControlResult> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewinds a <c>Failed</c> run: it goes back to <c>Running</c>, its failed steps and the steps skipped or cancelled
    /// because of them run again with fresh attempts, succeeded steps keep their outputs, and the history shows the
    /// rewind. <see cref="ControlResult.Conflict"/> when the run is not <c>Failed</c>.
    /// </summary>
    public virtual Task<ControlResult> RewindAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot rewind a run yet.");

    /// <summary>Purges an ended run's state and history.</summary>
    public abstract Task<ControlResult> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>One page of the runs that match a query.</summary>
    public abstract Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>The statistics entity's counters over every run.</summary>
    public abstract Task<ExecutionStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// An entity (<see cref="PlanEntities"/>) with its state, or <see langword="null"/> when there is none with this id.
    /// The <c>PlanMonitor</c> of a run exists while the run does; <c>ExecutionStatistics</c> has the one key
    /// <see cref="PlanEntities.StatisticsKey"/>.
    /// </summary>
    /// <remarks>By default read from the run's status and the statistics; an engine with entities of its own may read them instead.</remarks>
    public virtual async Task<EntityMetadata?> GetEntityAsync(EntityInstanceId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (PlanEntities.IsPlanMonitor(id.Name))
        {
            var status = await GetStatusAsync(id.Key, new StatusQuery(ShowInput: false), cancellationToken);
            return status is null ? null : new EntityMetadata(id, status.LastUpdatedTime, State(status.CustomStatus));
        }

        if (PlanEntities.IsExecutionStatistics(id.Name) && id.Key == PlanEntities.StatisticsKey)
        {
            return new EntityMetadata(id, null, State(await GetStatisticsAsync(cancellationToken)));
        }

        return null;
    }

    /// <summary>One page of the entities of a name that match a query; an unknown name has none.</summary>
    /// <remarks>By default the monitors are listed from the instance index, one per run.</remarks>
    public virtual async Task<EntityPage> ListEntitiesAsync(EntityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (PlanEntities.IsExecutionStatistics(query.Name))
        {
            var id = new EntityInstanceId(query.Name, PlanEntities.StatisticsKey);
            var statistics = query.IncludeState ? await GetEntityAsync(id, cancellationToken) : new EntityMetadata(id, null, null);
            return new EntityPage(query.Matches(null) && statistics is not null ? [statistics] : [], null);
        }

        if (!PlanEntities.IsPlanMonitor(query.Name))
        {
            return new EntityPage([], null);
        }

        var page = await ListAsync(new InstanceQuery { Top = query.PageSize, ContinuationToken = query.ContinuationToken }, cancellationToken);
        var records = page.Instances.Where(record => query.Matches(record.LastUpdatedTime)).ToList();
        var entities = await Task.WhenAll(records.Select(async record =>
        {
            var id = new EntityInstanceId(query.Name, record.InstanceId);
            return query.IncludeState
                ? await GetEntityAsync(id, cancellationToken)
                : new EntityMetadata(id, record.LastUpdatedTime, null);
        }));
        return new EntityPage([.. entities.OfType<EntityMetadata>()], page.ContinuationToken);
    }

    /// <summary>Whether the engine and its storage answer, each within five seconds.</summary>
    /// <remarks>By default it reads the statistics (the engine) and one entry of the instance index (the storage).</remarks>
    public virtual async Task<EngineHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await GetStatisticsAsync(cancellationToken).WaitAsync(HealthProbeLimit, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new EngineHealth($"the engine did not answer: {exception.GetType().Name}");
        }

        try
        {
            await ListAsync(new InstanceQuery { Top = 1 }, cancellationToken).WaitAsync(HealthProbeLimit, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new EngineHealth($"the storage did not answer: {exception.GetType().Name}");
        }

        return EngineHealth.Healthy;
    }

    private static JsonElement State<T>(T state) => JsonSerializer.SerializeToElement(state, PlanJson.Options);
}
