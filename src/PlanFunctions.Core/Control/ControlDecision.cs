using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Core.Control;

/// <summary>The answer to a <see cref="ControlRequest"/>, and the event to record when it is accepted.</summary>
/// <param name="Result">The answer the caller gets.</param>
/// <param name="Event">
/// The event to record and decide on, when <see cref="ControlResult.Accepted"/>; <see langword="null"/> for an accepted
/// purge, whose effect (deleting the run) is the engine's.
/// </param>
public readonly record struct ControlDecision(ControlResult Result, RunEvent? Event);
