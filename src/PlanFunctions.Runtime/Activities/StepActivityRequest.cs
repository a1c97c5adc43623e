using System.Text.Json;

namespace PlanFunctions.Runtime.Activities;

/// <summary>What one attempt runs.</summary>
public sealed record StepActivityRequest
{
    /// <summary>The run.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>The tool.</summary>
    public required string Tool { get; init; }

    /// <summary>The parameters, templates filled in.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>When the attempt times out.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>The run's trace context as a W3C <c>traceparent</c>: the attempt's span is its child (see <see cref="PlanFunctions.Tools.Telemetry.RunTrace"/>).</summary>
    public string? TraceParent { get; init; }

    /// <summary>The grain key of an attempt's activity.</summary>
    public static string KeyOf(string instanceId, string stepId, int attempt) => $"{instanceId}|{stepId}|{attempt}";
}
