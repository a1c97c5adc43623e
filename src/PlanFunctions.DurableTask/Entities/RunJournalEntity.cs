using System.Globalization;
using Microsoft.DurableTask.Entities;
using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.DurableTask.Entities;

/// <summary>
/// The <c>RunJournal</c> entity of one generation of one run (key: <see cref="KeyOf"/>): Core's events of that
/// generation, in order, as the <c>RunPlan</c> orchestrator signals them. The client reads a run's generations in order
/// and builds the status document from them, as the Orleans engine does from its stored history.
/// </summary>
public sealed class RunJournalEntity : TaskEntity<RunJournalState?>
{
    /// <summary>The key of a run's journal of <paramref name="generation"/>; the run token tells apart runs that reuse an instance id.</summary>
    public static string KeyOf(string instanceId, string? runToken, int generation)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return string.Create(CultureInfo.InvariantCulture, $"{instanceId}|{runToken}|{generation}");
    }

    /// <summary>The entity id of a run's journal of <paramref name="generation"/>.</summary>
    public static EntityInstanceId IdOf(string instanceId, string? runToken, int generation) =>
        new(PlanFunctionsTaskNames.RunJournal, KeyOf(instanceId, runToken, generation));

    /// <summary>
    /// Operation: the events from position <see cref="RunJournalPage.From"/> of the generation on. What the journal
    /// holds from there is replaced, so a page sent again (an orchestrator's replay) changes nothing.
    /// </summary>
    public int Append(RunJournalPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var events = State?.Events is { } held ? [.. held] : new List<RunEvent>();
        if (page.From < events.Count)
        {
            events.RemoveRange(page.From, events.Count - page.From);
        }

        events.AddRange(page.Events);
        State = new RunJournalState { Events = events };
        return events.Count;
    }

    /// <summary>Operation: the events, or <see langword="null"/> before the first page.</summary>
    public RunJournalState? Get() => State;

    /// <summary>Operation: forget the generation (its run's purge).</summary>
    public void Delete() => State = null;

    /// <inheritdoc />
    protected override RunJournalState? InitializeState(TaskEntityOperation entityOperation) => null;
}
