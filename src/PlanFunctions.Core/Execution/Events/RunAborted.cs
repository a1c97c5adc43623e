namespace PlanFunctions.Core.Execution.Events;

/// <summary>
/// The engine stopped the run for a reason of its own, such as a limit of the host: running steps are cancelled and
/// the run fails with the reason as its error.
/// </summary>
public sealed record RunAborted : RunEvent
{
    /// <summary>Why, naming the limit or the setting.</summary>
    public required string Reason { get; init; }
}
