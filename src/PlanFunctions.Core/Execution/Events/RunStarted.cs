using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Execution.Events;

/// <summary>The run was accepted with its plan; the first event of every run.</summary>
public sealed record RunStarted : RunEvent
{
    /// <summary>The run's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The plan, as accepted.</summary>
    public required Plan Plan { get; init; }
}
