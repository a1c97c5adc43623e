namespace PlanFunctions.Core.Execution.Events;

/// <summary>The run's deadline was moved later by the extendTimeout event.</summary>
public sealed record TimeoutExtended : RunEvent
{
    /// <summary>How many seconds the deadline moves.</summary>
    public required double Seconds { get; init; }
}
