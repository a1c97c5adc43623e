using Orleans.Concurrency;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// The orchestrator of one run (Durable Functions' orchestrator function), keyed by instance id. It folds the
/// run's events, persists them before acting, dispatches one activity per step attempt and never blocks on one.
/// </summary>
[Alias("PlanFunctions.PlanOrchestrator")]
public interface IPlanOrchestratorGrain : IGrainWithStringKey
{
    /// <summary>Starts the run with a validated plan; refused when a run under this id has not ended.</summary>
    [Alias("Start")]
    Task<StartRunResult> StartAsync(StartRunRequest request);

    /// <summary>The run's status document, or <see langword="null"/> when no run has this id.</summary>
    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<OrchestrationStatus?> GetStatusAsync(StatusQuery query);

    /// <summary>Raises an event: <c>cancel</c>, <c>extendTimeout</c>, or one for <c>waitForEvent</c> steps.</summary>
    [Alias("RaiseEvent")]
    Task<ControlResult> RaiseEventAsync(RaiseEventRequest request);

    /// <summary>Stops the run at once: Terminated.</summary>
    [Alias("Terminate")]
    Task<ControlResult> TerminateAsync(string? reason);

    /// <summary>Suspends the run: no new step starts.</summary>
    [Alias("Suspend")]
    Task<ControlResult> SuspendAsync(string? reason);

    /// <summary>Resumes a suspended run.</summary>
    [Alias("Resume")]
    Task<ControlResult> ResumeAsync(string? reason);

    /// <summary>
    /// Takes a <c>Failed</c> run back to its failed steps (Core's <c>RunRewound</c>): it runs again;
    /// <see cref="ControlResult.Conflict"/> when it has not ended Failed.
    /// </summary>
    [Alias("Rewind")]
    Task<ControlResult> RewindAsync(string? reason);

    /// <summary>Deletes an ended run's history and index entry; <see cref="ControlResult.Conflict"/> while it runs.</summary>
    [Alias("Purge")]
    Task<ControlResult> PurgeAsync();

    /// <summary>
    /// An activity reports how its attempt ended; returns once the result is appended to the run's history.
    /// Interleaves, so that results arriving while an append is in flight go into the next append together.
    /// </summary>
    [AlwaysInterleave]
    [Alias("ReportStepResult")]
    Task ReportStepResultAsync(StepResultReport report);

    /// <summary>The answer to an AI condition arrives.</summary>
    [Alias("ReportConditionAnswer")]
    Task ReportConditionAnswerAsync(ConditionAnswerReport report);

    /// <summary>Decides again now: what the reminder does, exposed for hosts that want to nudge a run.</summary>
    [Alias("Wake")]
    Task WakeAsync();
}
