namespace PlanFunctions.Core.Snapshots;

/// <summary>A timer of a run in a <see cref="PlanRunSnapshot"/>: an attempt of a step and when it is due.</summary>
/// <param name="StepIndex">The step's index in the plan.</param>
/// <param name="Attempt">The attempt the timer belongs to.</param>
/// <param name="Due">When it is due.</param>
public sealed record PlanRunTimerSnapshot(int StepIndex, int Attempt, DateTimeOffset Due);
