using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.DurableTask.Entities;

/// <summary>What the orchestrator signals to its generation's <c>RunJournal</c>: the events from position <see cref="From"/> on.</summary>
public sealed record RunJournalPage
{
    /// <summary>The position in the generation's events of the first of <see cref="Events"/>.</summary>
    public required int From { get; init; }

    /// <summary>The events.</summary>
    public required IReadOnlyList<RunEvent> Events { get; init; }
}
