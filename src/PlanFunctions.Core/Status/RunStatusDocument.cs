using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Status;

/// <summary>
/// Builds a run's status document (the body of Durable Functions' status endpoint) from the run's state: every engine
/// shows this document and none rebuilds it, so the engines cannot drift.
/// </summary>
public static class RunStatusDocument
{
    /// <summary>
    /// The run's status as users see it: <c>Pending</c> while an engine holds an unfinished run back (a host's limit of
    /// runs under way), the run's own status otherwise.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="admitted">Whether the engine lets the run go on; an engine without such a limit passes <see langword="true"/>.</param>
    public static RuntimeStatus ShownStatus(PlanRun run, bool admitted = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        return admitted || run.IsEnded || run.IsStopping ? run.RuntimeStatus : RuntimeStatus.Pending;
    }

    /// <summary>The status document of a run at <paramref name="now"/>.</summary>
    /// <param name="run">The run, started.</param>
    /// <param name="now">The time the progress is computed at.</param>
    /// <param name="query">What to include.</param>
    /// <param name="admitted">See <see cref="ShownStatus"/>.</param>
    /// <param name="history">The run's events, when <see cref="StatusQuery.ShowHistory"/> asks for them.</param>
    public static OrchestrationStatus Build(PlanRun run, DateTimeOffset now, StatusQuery query, bool admitted = true, IReadOnlyList<RunEvent>? history = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(query);
        var status = ShownStatus(run, admitted);
        return new OrchestrationStatus
        {
            Name = run.Plan.Name,
            InstanceId = run.InstanceId,
            RuntimeStatus = status,
            Input = query.ShowInput ? run.PlanDocument : null,
            CustomStatus = run.GetProgress(now) with { Status = status },
            Output = run.GetOutput(),
            CreatedTime = run.CreatedTime,
            LastUpdatedTime = run.LastUpdatedTime,
            HistoryEvents = query.ShowHistory && history is not null ? [.. history.Select(e => DescribeHistoryEvent(e, query.ShowHistoryOutput))] : null,
        };
    }

    /// <summary>One history event as the status document shows it; a step's output only when asked for.</summary>
    public static JsonElement DescribeHistoryEvent(RunEvent runEvent, bool withOutput)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (withOutput || runEvent is not StepSucceeded)
        {
            return JsonSerializer.SerializeToElement(runEvent, PlanJson.Options);
        }

        var node = JsonSerializer.SerializeToNode(runEvent, PlanJson.Options)!.AsObject();
        node.Remove("output");
        return JsonSerializer.SerializeToElement(node, PlanJson.Options);
    }
}
