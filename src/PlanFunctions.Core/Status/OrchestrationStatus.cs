using System.Text.Json;
using System.Text.Json.Serialization;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.Core.Status;

/// <summary>
/// A run's status document, the body of Durable Functions' status endpoint: <c>name</c>, <c>instanceId</c>,
/// <c>runtimeStatus</c>, <c>input</c>, <c>customStatus</c>, <c>output</c>, <c>createdTime</c>,
/// <c>lastUpdatedTime</c>, and <c>historyEvents</c> when asked.
/// </summary>
public sealed record OrchestrationStatus
{
    /// <summary>The plan's name.</summary>
    public required string Name { get; init; }

    /// <summary>The run's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The run's <c>runtimeStatus</c>.</summary>
    public required RuntimeStatus RuntimeStatus { get; init; }

    /// <summary>The plan the run was started with, unless left out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Input { get; init; }

    /// <summary>The run's ExecutionProgress.</summary>
    public required ExecutionProgress CustomStatus { get; init; }

    /// <summary>The run's output, once it has ended.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public RunOutput? Output { get; init; }

    /// <summary>When the run was started.</summary>
    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the run last changed.</summary>
    public required DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>The run's history, when asked for.</summary>
    public IReadOnlyList<JsonElement>? HistoryEvents { get; init; }
}
