using System.Text.Json;
using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Execution;

/// <summary>The values templates and conditions read, taken from a run as it stands.</summary>
internal sealed class RunPathValues(PlanRun run) : IPathValueSource
{
    public bool TryResolve(DataPath path, out JsonElement value)
    {
        value = default;
        var segments = path.Segments;
        switch (segments[0].Name)
        {
            case "input":
                return run.Plan.Input is { } input && JsonPathValueSource.Walk(input, segments, 1, out value);
            case "run" when segments.Count == 2:
                value = segments[1].Name switch
                {
                    "instanceId" => JsonSerializer.SerializeToElement(run.InstanceId),
                    "name" => JsonSerializer.SerializeToElement(run.Plan.Name),
                    _ => default,
                };
                return value.ValueKind != JsonValueKind.Undefined;
            case "steps" when segments.Count >= 3 && path.StepId is { } stepId && run.TryGetStepState(stepId, out var step):
                switch (segments[2].Name)
                {
                    case "output":
                        return step.Output is { } output && JsonPathValueSource.Walk(output, segments, 3, out value);
                    case "status" when segments.Count == 3:
                        value = JsonSerializer.SerializeToElement(step.Status.ToString());
                        return true;
                    case "attempts" when segments.Count == 3:
                        value = JsonSerializer.SerializeToElement(step.Attempts);
                        return true;
                    case "error" when segments.Count == 3:
                        value = JsonSerializer.SerializeToElement(step.Error);
                        return true;
                }

                return false;
            default:
                return false;
        }
    }
}
