using System.Text.Json;
using PlanFunctions.Client;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Graph;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Viewer.Graph;

/// <summary>
/// Builds a run's <see cref="RunGraph"/> through the engine-neutral client. An ended run's steps are its output's; a
/// run under way has no output yet, so its history is folded into a <see cref="PlanRun"/>, the state machine every
/// engine runs, which says how each step stands exactly as the engine knows it.
/// </summary>
public static class RunGraphBuilder
{
    /// <summary>An output longer than this (as JSON text) is shown as its first <see cref="OutputPreviewChars"/> characters.</summary>
    public const int MaxOutputChars = 16 * 1024;

    /// <summary>How much of a large output is shown.</summary>
    public const int OutputPreviewChars = 2 * 1024;

    private static readonly StatusQuery WithInput = new(ShowInput: true);
    private static readonly StatusQuery WithHistory = new(ShowHistory: true, ShowHistoryOutput: true, ShowInput: false);

    /// <summary>The run's graph, or <see langword="null"/> when no run has this instance id.</summary>
    /// <param name="client">The engine's client.</param>
    /// <param name="instanceId">The run.</param>
    /// <param name="now">The time, to tell the deadline of a run whose history is not at hand.</param>
    public static async Task<RunGraph?> BuildAsync(PlanFunctionsClient client, string instanceId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var status = await client.GetStatusAsync(instanceId, WithInput).ConfigureAwait(false);
        if (status is null)
        {
            return null;
        }

        PlanRun? run = null;
        if (status.Output is null)
        {
            var withHistory = await client.GetStatusAsync(instanceId, WithHistory).ConfigureAwait(false);
            if (withHistory is null)
            {
                return null;
            }

            run = Fold(withHistory.HistoryEvents, client.ValidationOptions.Limits);
            status = withHistory with { Input = status.Input };
        }

        var plan = run?.Plan ?? ReadPlan(status.Input);
        return Describe(status, plan, run, now);
    }

    /// <summary>The graph of a run from its status document and, while it runs, its folded history.</summary>
    public static RunGraph Describe(OrchestrationStatus status, Plan? plan, PlanRun? run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var ended = status.Output is not null;
        IReadOnlyList<RunGraphStep> steps = [];
        if (plan is not null)
        {
            var graph = PlanGraph.Build(plan);
            var layers = PlanLayers.Of(graph);
            steps = [.. plan.Steps.Select((step, i) => DescribeStep(step, layers[i], OutcomeOf(step.Id, status, run)))];
        }

        DateTimeOffset? deadline = ended || status.RuntimeStatus == RuntimeStatus.Pending ? null
            : run is { IsStarted: true } ? run.Deadline
            : now.AddSeconds(status.CustomStatus.RemainingSeconds);
        return new RunGraph
        {
            InstanceId = status.InstanceId,
            Name = status.Name,
            Goal = plan?.Goal,
            RuntimeStatus = status.RuntimeStatus,
            CreatedTime = status.CreatedTime,
            LastUpdatedTime = status.LastUpdatedTime,
            Deadline = deadline,
            Progress = status.CustomStatus,
            Steps = steps,
            Outcome = status.Output?.Outcome,
            Response = status.Output?.Response,
            Error = status.Output?.Error,
        };
    }

    private static StepOutcome OutcomeOf(string stepId, OrchestrationStatus status, PlanRun? run)
    {
        if (status.Output?.Steps.TryGetValue(stepId, out var ended) == true)
        {
            return ended;
        }

        if (run is { IsStarted: true })
        {
            return run.GetStep(stepId);
        }

        // Without a history at hand, the progress still names the step under way.
        return new StepOutcome { Status = status.CustomStatus.CurrentStep == stepId ? StepStatus.Running : StepStatus.Pending };
    }

    private static RunGraphStep DescribeStep(PlanStep step, int layer, StepOutcome outcome)
    {
        var output = outcome.Output;
        var outputText = output?.GetRawText();
        var truncated = outputText is not null && outputText.Length > MaxOutputChars;
        return new RunGraphStep
        {
            Id = step.Id,
            Name = step.Name,
            Description = step.Description,
            Tool = step.Tool,
            DependsOn = step.DependsOn,
            Layer = layer,
            Parameters = step.Parameters,
            Condition = step.Condition switch
            {
                null => null,
                { IsAi: true } ai => "ai: " + ai.AiQuestion,
                var expression => expression.Expression,
            },
            Status = outcome.Status,
            Attempts = outcome.Attempts,
            StartedTime = outcome.StartedTime,
            CompletedTime = outcome.CompletedTime,
            Output = truncated ? null : output,
            OutputPreview = truncated ? outputText![..OutputPreviewChars] : null,
            OutputTruncated = truncated,
            Error = outcome.Error,
        };
    }

    private static PlanRun? Fold(IReadOnlyList<JsonElement>? history, PlanLimits limits)
    {
        if (history is not { Count: > 0 })
        {
            return null;
        }

        try
        {
            var run = PlanRun.FromHistory(history.Select(e => e.Deserialize<RunEvent>(PlanJson.Options)!), limits);
            return run.IsStarted ? run : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or KeyNotFoundException)
        {
            // A history this viewer cannot read still leaves the plan and the progress to show.
            return null;
        }
    }

    private static Plan? ReadPlan(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } document)
        {
            return null;
        }

        try
        {
            return document.Deserialize<Plan>(PlanJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
