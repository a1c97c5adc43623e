namespace PlanFunctions.Core.Execution.Events;

/// <summary>The run's deadline passed: running steps are cancelled and the run fails.</summary>
public sealed record RunTimedOut : RunEvent;
