using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Orchestration;
using Spectre.Console;
using Spectre.Console.Rendering;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Cli.Running.Views;

/// <summary>
/// Progress on a terminal with Spectre.Console, redrawn at every poll: a row for each running or recently ended
/// step, and a bar of the steps that have ended; a short summary at the end.
/// </summary>
internal sealed class LiveRunView(IAnsiConsole console) : IRunView
{
    /// <summary>How long an ended step keeps its row while the run goes on.</summary>
    internal static readonly TimeSpan RecentlyEnded = TimeSpan.FromSeconds(5);

    /// <summary>The most rows shown, so that a wide plan does not push the view off the screen.</summary>
    internal const int MaxRows = 15;

    private const int BarWidth = 40;

    public async Task FollowAsync(IAsyncEnumerable<RunSnapshot> snapshots, CancellationToken cancellationToken)
    {
        await console.Live(new Markup("[grey]starting the run…[/]"))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    context.UpdateTarget(Render(snapshot));
                    context.Refresh();
                }
            }).ConfigureAwait(false);
    }

    public Task EndAsync(OrchestrationStatus status, CancellationToken cancellationToken)
    {
        var summary = RunSummary.Of(status);
        var colour = StatusColour(status.RuntimeStatus);
        console.MarkupLine($"[bold {colour}]{Markup.Escape(summary.Headline)}[/]");
        console.MarkupLine($"[grey]{Markup.Escape(summary.Steps)}[/]");
        if (summary.Error is { } reason)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(reason)}");
        }

        if (summary.Response is { } response)
        {
            console.Write(new Panel(new Text(response)).Header("response").Border(BoxBorder.Rounded).Expand());
        }

        return Task.CompletedTask;
    }

    /// <summary>The steps that get a row: while the run goes, the active and recently ended ones; at its end, all.</summary>
    internal static IReadOnlyList<StepProgress> RowsOf(RunSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var shown = snapshot.IsEnded
            ? snapshot.Steps
            : [.. snapshot.Steps.Where(step => step.IsActive || (step.IsEnded && step.Outcome.CompletedTime >= snapshot.Now - RecentlyEnded))];
        if (shown.Count <= MaxRows)
        {
            return shown;
        }

        // Too many: the running ones first, then the most recently ended; kept in the plan's order.
        var kept = shown
            .OrderByDescending(step => step.IsActive)
            .ThenByDescending(step => step.Outcome.CompletedTime)
            .Take(MaxRows)
            .ToHashSet();
        return [.. shown.Where(kept.Contains)];
    }

    private static Rows Render(RunSnapshot snapshot)
    {
        var progress = snapshot.Progress;
        var header = new Markup(
            $"[bold]{Markup.Escape(snapshot.Name)}[/]  [{StatusColour(progress.Status)}]{progress.Status}[/]  " +
            $"{Durations.Format(TimeSpan.FromSeconds(progress.ElapsedSeconds))}  [grey]{snapshot.InstanceId}[/]");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Step").AddColumn("Tool").AddColumn("Status")
            .AddColumn(new TableColumn("Attempt").RightAligned())
            .AddColumn(new TableColumn("Duration").RightAligned());
        var rows = RowsOf(snapshot);
        foreach (var step in rows)
        {
            table.AddRow(
                new Text(step.Id),
                new Text(step.Tool),
                new Markup($"[{StepColour(step.Outcome.Status)}]{step.Outcome.Status}[/]"),
                new Text(step.Outcome.Attempts == 0 ? string.Empty : step.Outcome.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Durations.Format(step.Duration(snapshot.Now))));
        }

        var hidden = snapshot.Steps.Count(step => step.IsActive || step.IsEnded) - rows.Count;
        if (hidden > 0)
        {
            table.Caption($"[grey]and {hidden} more[/]");
        }

        var parts = new List<IRenderable> { header, table, Bar(snapshot.EndedSteps, progress.TotalSteps) };
        if (!snapshot.IsEnded)
        {
            parts.Add(snapshot.CancelRequested
                ? new Markup("[yellow]cancelling: running steps are being cancelled; Ctrl+C again stops at once[/]")
                : new Markup("[grey]Ctrl+C cancels the run[/]"));
        }

        return new Rows(parts);
    }

    private static Markup Bar(int ended, int total)
    {
        var filled = total == 0 ? BarWidth : ended * BarWidth / total;
        return new Markup(
            $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {ended}/{total} steps ended");
    }

    private static string StatusColour(RuntimeStatus status) => status switch
    {
        RuntimeStatus.Completed => "green",
        RuntimeStatus.Failed or RuntimeStatus.Terminated => "red",
        RuntimeStatus.Canceled or RuntimeStatus.Suspended => "yellow",
        _ => "blue",
    };

    private static string StepColour(StepStatus status) => status switch
    {
        StepStatus.Succeeded => "green",
        StepStatus.Failed => "red",
        StepStatus.Running => "blue",
        StepStatus.WaitingToRetry or StepStatus.Cancelled => "yellow",
        _ => "grey",
    };
}
