namespace PlanFunctions.Core.Execution;

/// <summary>A moment at which a step's attempt times out or its next attempt is due; stale once the attempt moved on.</summary>
internal readonly record struct RunTimer(int StepIndex, int Attempt);
