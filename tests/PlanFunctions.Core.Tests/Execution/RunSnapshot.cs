using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Tests.Execution;

/// <summary>Everything observable of a run, as text, so that two runs can be compared for equality.</summary>
internal static class RunSnapshot
{
    public static string Of(PlanRun run)
    {
        var steps = run.Plan.Steps.ToDictionary(s => s.Id, s => run.GetStep(s.Id));
        return JsonSerializer.Serialize(new
        {
            run.InstanceId,
            run.RuntimeStatus,
            run.IsEnded,
            run.IsSuspended,
            run.CreatedTime,
            run.LastUpdatedTime,
            run.Deadline,
            run.Error,
            run.EventCount,
            Progress = run.GetProgress(run.LastUpdatedTime),
            Steps = steps,
            Output = run.GetOutput(),
        }, PlanJson.Options);
    }
}
