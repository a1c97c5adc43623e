namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>Hangfire's side of the comparison: a job that does nothing but count itself, so the harness knows when all ran.</summary>
public static class HangfireNoOpJob
{
    private static long remaining;
    private static TaskCompletionSource? allDone;

    /// <summary>Runs one step; public and static so that Hangfire can call it from its serialized form.</summary>
    /// <param name="run">The run the step belongs to.</param>
    /// <param name="step">The step's position in its run.</param>
    public static void Run(int run, int step)
    {
        _ = run;
        _ = step;
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            allDone?.TrySetResult();
        }
    }

    /// <summary>Completes once <paramref name="jobs"/> more jobs have run.</summary>
    /// <param name="jobs">How many jobs to wait for.</param>
    internal static Task Expect(int jobs)
    {
        allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref remaining, jobs);
        return allDone.Task;
    }
}
