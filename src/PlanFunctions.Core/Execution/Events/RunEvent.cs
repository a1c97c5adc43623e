using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Execution.Events;

/// <summary>
/// Something that happened to a run, recorded in its history before it is acted on. A run's state is the
/// fold of its events, so the same events always give the same state.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "eventType")]
[JsonDerivedType(typeof(RunStarted), nameof(RunStarted))]
[JsonDerivedType(typeof(StepDispatched), nameof(StepDispatched))]
[JsonDerivedType(typeof(StepSucceeded), nameof(StepSucceeded))]
[JsonDerivedType(typeof(StepFailed), nameof(StepFailed))]
[JsonDerivedType(typeof(StepTimedOut), nameof(StepTimedOut))]
[JsonDerivedType(typeof(StepSkipped), nameof(StepSkipped))]
[JsonDerivedType(typeof(AiConditionRequested), nameof(AiConditionRequested))]
[JsonDerivedType(typeof(ConditionEvaluated), nameof(ConditionEvaluated))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
[JsonDerivedType(typeof(CancelRequested), nameof(CancelRequested))]
[JsonDerivedType(typeof(TerminateRequested), nameof(TerminateRequested))]
[JsonDerivedType(typeof(SuspendRequested), nameof(SuspendRequested))]
[JsonDerivedType(typeof(ResumeRequested), nameof(ResumeRequested))]
[JsonDerivedType(typeof(TimeoutExtended), nameof(TimeoutExtended))]
[JsonDerivedType(typeof(RunTimedOut), nameof(RunTimedOut))]
[JsonDerivedType(typeof(RunAborted), nameof(RunAborted))]
[JsonDerivedType(typeof(RunCompleted), nameof(RunCompleted))]
[JsonDerivedType(typeof(RunRewound), nameof(RunRewound))]
public abstract record RunEvent
{
    /// <summary>When it happened, by the clock of the host that recorded it.</summary>
    public required DateTimeOffset Timestamp { get; init; }
}
