namespace PlanFunctions.DurableTask;

/// <summary>The names of the events a <c>RunPlan</c> orchestration listens for besides its <c>waitForEvent</c> steps' own.</summary>
public static class RunEventNames
{
    /// <summary>Cancels the run: running steps are cancelled and it ends Canceled.</summary>
    public const string Cancel = "cancel";

    /// <summary>Moves the run's deadline later by <c>{ "seconds": n }</c>.</summary>
    public const string ExtendTimeout = "extendTimeout";

    /// <summary>
    /// Terminates the run through its own orchestrator, so that Core records TerminateRequested, the output shows every
    /// step and the statistics count it (a terminate of the Durable Task backend runs no more orchestrator code).
    /// </summary>
    public const string Terminate = "planfunctions.terminate";

    /// <summary>Suspends the run through its own orchestrator: Core records SuspendRequested and holds new steps back.</summary>
    public const string Suspend = "planfunctions.suspend";

    /// <summary>Resumes a run suspended through <see cref="Suspend"/>.</summary>
    public const string Resume = "planfunctions.resume";
}
