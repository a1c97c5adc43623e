using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Execution;

/// <summary>
/// One run of a plan as a pure state machine: its state is the fold of its events (<see cref="Apply"/>), and
/// <see cref="Decide"/> says, for a moment in time, what happens next. No I/O and no clock: time is an argument.
/// </summary>
public sealed class PlanRun
{
    /// <summary>A run that has not started; the first event applied must be <see cref="RunStarted"/>.</summary>
    public PlanRun(PlanLimits? limits = null)
    {
        Limits = limits ?? PlanLimits.Default;
    }

    /// <summary>The limits in force (the step output and template expansion limits).</summary>
    public PlanLimits Limits { get; }

    /// <summary>Rebuilds a run from its history.</summary>
    public static PlanRun FromHistory(IEnumerable<RunEvent> history, PlanLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var run = new PlanRun(limits);
        foreach (var e in history)
        {
            run.Apply(e);
        }

        return run;
    }

    /// <summary>Folds one event into the run. Results for attempts the run no longer awaits are ignored.</summary>
    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        throw new NotImplementedException();
    }

    /// <summary>
    /// Says what happens next at <paramref name="now"/>: the events concluded (already applied) and the commands
    /// to carry out. Deciding again at the same moment with nothing new applied concludes nothing new.
    /// </summary>
    public RunDecision Decide(DateTimeOffset now)
    {
        throw new NotImplementedException();
    }
}
