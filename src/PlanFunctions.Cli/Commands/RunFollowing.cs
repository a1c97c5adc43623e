using PlanFunctions.Cli.Logging;
using PlanFunctions.Cli.Running;
using PlanFunctions.Cli.Running.Views;
using PlanFunctions.Client;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Status;
using Spectre.Console;

namespace PlanFunctions.Cli.Commands;

/// <summary>What <c>run</c> and <c>rewind</c> share once the engine is up: the view, following a run to its end, the exit code.</summary>
internal static class RunFollowing
{
    /// <summary>
    /// The view for this output: the status document alone with <c>--json</c>, a live table on a terminal, plain lines
    /// otherwise; and the terminal when there is one.
    /// </summary>
    public static (IRunView View, IAnsiConsole? Console) CreateView(bool json, TextWriter output, TextWriter error)
    {
        var console = !json && IsTerminal(output)
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) })
            : null;
        IRunView view = json ? new JsonRunView(output, error)
            : console is not null ? new LiveRunView(console)
            : new LineRunView(output, error);
        return (view, console);
    }

    /// <summary>
    /// Follows a run to its end in <paramref name="view"/> and shows how it ended; returns its final status.
    /// <paramref name="rewound"/> is the status of a run just rewound, from before the rewind.
    /// </summary>
    public static async Task<OrchestrationStatus> FollowToEndAsync(
        PlanFunctionsClient client,
        string instanceId,
        IRunView view,
        RunInterrupt interrupt,
        ErrorStreamLoggerProvider? heldLog,
        CancellationToken cancellationToken,
        OrchestrationStatus? rewound = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var watcher = new RunWatcher(client, instanceId, interrupt, TimeProvider.System, rewound);

        // The live view owns the terminal while it draws: the engine's log lines wait until it is done.
        heldLog?.Hold();
        try
        {
            await view.FollowAsync(watcher.WatchAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            heldLog?.Release();
        }

        var status = await watcher.GetStatusAsync().ConfigureAwait(false);
        await view.EndAsync(status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>The exit code for a run that has ended as <paramref name="status"/> says.</summary>
    public static int ExitCodeOf(OrchestrationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.RuntimeStatus == RuntimeStatus.Completed ? ExitCodes.Success : ExitCodes.RunNotCompleted;
    }

    /// <summary>Whether a run has ended.</summary>
    public static bool IsEnded(OrchestrationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.RuntimeStatus is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Canceled or RuntimeStatus.Terminated;
    }

    private static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
}
