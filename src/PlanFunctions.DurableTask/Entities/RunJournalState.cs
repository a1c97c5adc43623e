using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.DurableTask.Entities;

/// <summary>The state of a <c>RunJournal</c> entity: Core's events of one generation of a run, in order.</summary>
public sealed record RunJournalState
{
    /// <summary>The events.</summary>
    public IReadOnlyList<RunEvent> Events { get; init; } = [];
}
