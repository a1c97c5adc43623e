using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Cli.Running.Views;

/// <summary>
/// Progress as plain lines, one each time a step changes, for output that is not a terminal (a file, a pipe, a
/// CI log): no colours, no cursor movement.
/// </summary>
internal sealed class LineRunView(TextWriter output, TextWriter error) : IRunView
{
    private readonly Dictionary<string, (StepStatus Status, int Attempts)> _seen = new(StringComparer.Ordinal);
    private bool _started;
    private bool _cancelAnnounced;

    public async Task FollowAsync(IAsyncEnumerable<RunSnapshot> snapshots, CancellationToken cancellationToken)
    {
        await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await ShowAsync(snapshot).ConfigureAwait(false);
        }
    }

    public async Task EndAsync(OrchestrationStatus status, CancellationToken cancellationToken)
    {
        var summary = RunSummary.Of(status);
        await output.WriteLineAsync(summary.Headline).ConfigureAwait(false);
        await output.WriteLineAsync(summary.Steps).ConfigureAwait(false);
        if (summary.Error is { } reason)
        {
            await output.WriteLineAsync($"error: {reason}").ConfigureAwait(false);
        }

        if (summary.Response is { } response)
        {
            await output.WriteLineAsync($"response: {response.ReplaceLineEndings(" ")}").ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The line for a step that has just changed, or <see langword="null"/> for a step not begun.</summary>
    internal static string? Describe(StepProgress step, DateTimeOffset now)
    {
        var outcome = step.Outcome;
        var attempts = outcome.Attempts == 1 ? "1 attempt" : $"{outcome.Attempts} attempts";
        var duration = Durations.Format(step.Duration(now));
        var because = outcome.Error is { } reason ? $": {reason.ReplaceLineEndings(" ")}" : string.Empty;
        var text = outcome.Status switch
        {
            StepStatus.Running => outcome.Attempts == 0 ? "running" : $"running, attempt {outcome.Attempts}",
            StepStatus.WaitingToRetry => $"waiting to retry after attempt {outcome.Attempts}{because}",
            StepStatus.Succeeded => $"succeeded in {duration} after {attempts}",
            StepStatus.Failed => $"failed in {duration} after {attempts}{because}",
            StepStatus.Skipped => Reason("skipped", outcome.Error),
            StepStatus.Cancelled => Reason("cancelled", outcome.Error),
            _ => null,
        };
        return text is null ? null : $"{step.Id} ({step.Tool}): {text}";
    }

    // The engine's reasons often begin with the status already ("cancelled: the run was cancelled"): say it once.
    private static string Reason(string status, string? reason) =>
        reason is null ? status
        : reason.StartsWith(status, StringComparison.OrdinalIgnoreCase) ? reason.ReplaceLineEndings(" ")
        : $"{status}: {reason.ReplaceLineEndings(" ")}";

    private async Task ShowAsync(RunSnapshot snapshot)
    {
        if (!_started)
        {
            _started = true;
            var total = snapshot.Progress.TotalSteps;
            await output.WriteLineAsync($"{snapshot.Name}: running {total} {(total == 1 ? "step" : "steps")} as instance {snapshot.InstanceId}").ConfigureAwait(false);
        }

        if (snapshot.CancelRequested && !_cancelAnnounced)
        {
            _cancelAnnounced = true;
            await error.WriteLineAsync(CancelNotice.Text).ConfigureAwait(false);
        }

        var elapsed = Durations.Format(TimeSpan.FromSeconds(snapshot.Progress.ElapsedSeconds));
        foreach (var step in snapshot.Steps)
        {
            var now = (step.Outcome.Status, step.Outcome.Attempts);
            if (_seen.TryGetValue(step.Id, out var before) && before == now)
            {
                continue;
            }

            _seen[step.Id] = now;
            if (Describe(step, snapshot.Now) is { } line)
            {
                await output.WriteLineAsync($"[{elapsed,8}] {line}").ConfigureAwait(false);
            }
        }

        await output.FlushAsync().ConfigureAwait(false);
    }
}
