using System.Globalization;
using System.Text;
using PlanFunctions.Client;
using PlanFunctions.Core.Execution;
using static PlanFunctions.Viewer.Pages.HtmlPage;

namespace PlanFunctions.Viewer.Pages;

/// <summary><c>GET /runs</c>: the most recent runs, newest first, filtered by status.</summary>
internal static class RunListPage
{
    public const int MaxRows = 100;

    // How many runs are read from the index to find the newest: the index is not ordered by time.
    private const int MaxScanned = 2_000;

    public static async Task<ViewerResponse> RenderAsync(PlanFunctionsClient client, IRunViewerLinks links, string? statusFilter, CancellationToken cancellationToken)
    {
        RuntimeStatus? status = null;
        if (!string.IsNullOrEmpty(statusFilter))
        {
            if (!Enum.TryParse<RuntimeStatus>(statusFilter, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(statusFilter, out _))
            {
                return Problem(400, links, "Unknown status", $"'{statusFilter}' is not a runtime status; use one of {string.Join(", ", Enum.GetNames<RuntimeStatus>())}.");
            }

            status = parsed;
        }

        var (runs, scanned, more) = await ReadNewestAsync(client, status, cancellationToken).ConfigureAwait(false);
        var progress = await Task.WhenAll(runs.Select(r => client.GetProgressAsync(r.InstanceId))).ConfigureAwait(false);

        var body = new StringBuilder();
        body.Append("""<main class="list"><h1>Runs</h1>""");
        body.Append("""<nav class="filters" aria-label="Filter by status">""");
        AppendFilter(body, links, null, status);
        foreach (var s in Enum.GetValues<RuntimeStatus>())
        {
            AppendFilter(body, links, s, status);
        }

        body.Append("</nav>");
        if (runs.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="empty">No {(status is { } s2 ? s2.ToString() : string.Empty)} runs.</p>""");
        }
        else
        {
            body.Append("""<table class="runs"><thead><tr><th>Run</th><th>Status</th><th>Created</th><th>Duration</th><th>Progress</th></tr></thead><tbody>""");
            for (var i = 0; i < runs.Count; i++)
            {
                AppendRow(body, links, runs[i], progress[i]);
            }

            body.Append("</tbody></table>");
            var shown = more ? $"the newest {runs.Count} of the first {scanned} runs read" : $"{runs.Count} of {scanned} runs";
            body.Append(CultureInfo.InvariantCulture, $"""<p class="count">Showing {Encode(shown)}, newest first.</p>""");
        }

        body.Append("</main>");
        return Answer(200, links, status is { } t ? $"{t} runs" : "Runs", body.ToString());
    }

    private static async Task<(List<InstanceRecord> Runs, int Scanned, bool More)> ReadNewestAsync(PlanFunctionsClient client, RuntimeStatus? status, CancellationToken cancellationToken)
    {
        var all = new List<InstanceRecord>();
        string? token = null;
        do
        {
            var page = await client.ListAsync(
                new InstanceQuery { RuntimeStatuses = status is { } s ? [s] : [], Top = 500, ContinuationToken = token },
                cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Instances);
            token = page.ContinuationToken;
        }
        while (token is not null && all.Count < MaxScanned);

        var newest = all.OrderByDescending(r => r.CreatedTime).ThenBy(r => r.InstanceId, StringComparer.Ordinal).Take(MaxRows).ToList();
        return (newest, all.Count, token is not null || all.Count > MaxRows);
    }

    private static void AppendFilter(StringBuilder body, IRunViewerLinks links, RuntimeStatus? filter, RuntimeStatus? current)
    {
        var label = filter?.ToString() ?? "All";
        var selected = filter == current ? """ aria-current="page" class="chip selected" """ : """ class="chip" """;
        body.Append(CultureInfo.InvariantCulture, $"""<a{selected}href="{Encode(links.RunList(filter))}" data-filter="{label}">{label}</a>""");
    }

    private static void AppendRow(StringBuilder body, IRunViewerLinks links, InstanceRecord run, ExecutionProgress? progress)
    {
        var ended = run.RuntimeStatus is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Canceled or RuntimeStatus.Terminated;
        var seconds = progress?.ElapsedSeconds ?? (ended ? (run.LastUpdatedTime - run.CreatedTime).TotalSeconds : (double?)null);
        var link = Encode(links.Run(run.InstanceId));
        body.Append(CultureInfo.InvariantCulture, $"""<tr data-instance-id="{Encode(run.InstanceId)}" data-status="{run.RuntimeStatus}">""");
        body.Append(CultureInfo.InvariantCulture, $"""<td><a href="{link}" class="run-name">{Encode(run.Name)}</a><br><a href="{link}" class="instance-id">{Encode(run.InstanceId)}</a></td>""");
        body.Append(CultureInfo.InvariantCulture, $"""<td><span class="badge status-{run.RuntimeStatus}">{run.RuntimeStatus}</span></td>""");
        body.Append(CultureInfo.InvariantCulture, $"""<td>{Formatting.Time(run.CreatedTime)}</td>""");
        body.Append(CultureInfo.InvariantCulture, $"""<td>{(seconds is { } d ? Formatting.Duration(d) : "–")}</td>""");
        if (progress is { TotalSteps: > 0 } p)
        {
            var done = p.CompletedSteps + p.FailedSteps + p.SkippedSteps + p.CancelledSteps;
            var extra = new List<string>();
            if (p.FailedSteps > 0)
            {
                extra.Add($"{p.FailedSteps} failed");
            }

            if (p.SkippedSteps > 0)
            {
                extra.Add($"{p.SkippedSteps} skipped");
            }

            if (p.CancelledSteps > 0)
            {
                extra.Add($"{p.CancelledSteps} cancelled");
            }

            var note = extra.Count > 0 ? " · " + string.Join(", ", extra) : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""<td class="progress"><progress max="{p.TotalSteps}" value="{done}"></progress> {done}/{p.TotalSteps}{Encode(note)}</td>""");
        }
        else
        {
            body.Append("<td>–</td>");
        }

        body.Append("</tr>");
    }
}
