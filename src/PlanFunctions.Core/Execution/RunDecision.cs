using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Core.Execution;

/// <summary>What <see cref="PlanRun.Decide"/> concluded at a moment.</summary>
/// <param name="Events">Events the engine concluded (dispatches, skips, conditions, timeouts), already applied to the run: persist them before carrying out <paramref name="Commands"/>.</param>
/// <param name="Commands">What to carry out, in order.</param>
/// <param name="NextWakeUp">When to decide again if nothing else happens first (an attempt's deadline, a retry, the run's deadline); <see langword="null"/> when nothing is due.</param>
public sealed record RunDecision(IReadOnlyList<RunEvent> Events, IReadOnlyList<RunCommand> Commands, DateTimeOffset? NextWakeUp)
{
    /// <summary>Whether nothing was concluded and nothing is to be done.</summary>
    public bool IsEmpty => Events.Count == 0 && Commands.Count == 0;
}
