using System.Text.Json;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Client;

/// <summary>
/// What the HTTP API and the command line use to work with runs, whichever engine runs them (as Durable Task's
/// <c>DurableTaskClient</c>): validate and start, query, raise events, terminate, suspend, resume, purge, list,
/// statistics. Each engine implements it; the answers are Core's, so a caller cannot tell the engines apart.
/// </summary>
/// <param name="validationOptions">What plans are validated against on this host: its tools, limits, and whether AI is configured.</param>
public abstract class PlanFunctionsClient(PlanValidationOptions validationOptions)
{
    /// <summary>What plans are validated against on this host: its tools, limits, and whether AI is configured.</summary>
    public PlanValidationOptions ValidationOptions { get; } = validationOptions ?? throw new ArgumentNullException(nameof(validationOptions));

    /// <summary>A new instance id: 32 hexadecimal digits, as Durable Functions makes them.</summary>
    public static string NewInstanceId() => Guid.NewGuid().ToString("N");

    /// <summary>Reads and validates a plan document, with every problem.</summary>
    public PlanReadResult Validate(ReadOnlyMemory<byte> utf8Json) => PlanValidator.ReadAndValidate(utf8Json, ValidationOptions);

    /// <summary>Starts a run of a validated plan under an instance id; refused while a run under that id has not ended.</summary>
    /// <remarks>The host's default deadline, step timeout and retry policy fill in what the plan leaves out.</remarks>
    public abstract Task<StartRunResult> StartAsync(string instanceId, Plan plan);

    /// <summary>A run's status document, or <see langword="null"/> when no run has this id.</summary>
    public abstract Task<OrchestrationStatus?> GetStatusAsync(string instanceId, StatusQuery? query = null);

    /// <summary>A run's progress from its monitor entity, cheap while the run is busy; <see langword="null"/> when unknown.</summary>
    public abstract Task<ExecutionProgress?> GetProgressAsync(string instanceId);

    /// <summary>Raises an event on a run: <c>cancel</c>, <c>extendTimeout</c>, or one for its <c>waitForEvent</c> steps.</summary>
    public abstract Task<ControlResult> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload);

    /// <summary>Terminates a run: it stops at once.</summary>
    public abstract Task<ControlResult> TerminateAsync(string instanceId, string? reason);

    /// <summary>Suspends a run: no new step starts.</summary>
    public abstract Task<ControlResult> SuspendAsync(string instanceId, string? reason);

    /// <summary>Resumes a suspended run.</summary>
    public abstract Task<ControlResult> ResumeAsync(string instanceId, string? reason);

    /// <summary>Purges an ended run's state and history.</summary>
    public abstract Task<ControlResult> PurgeAsync(string instanceId);

    /// <summary>One page of the runs that match a query.</summary>
    public abstract Task<InstancePage> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>The statistics entity's counters over every run.</summary>
    public abstract Task<ExecutionStatistics> GetStatisticsAsync();
}
