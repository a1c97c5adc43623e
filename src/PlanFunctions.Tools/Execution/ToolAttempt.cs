using System.Text.Json;

namespace PlanFunctions.Tools.Execution;

/// <summary>One attempt of a step to run with its tool (<see cref="ToolAttemptRunner"/>).</summary>
/// <param name="InstanceId">The run's instance id.</param>
/// <param name="StepId">The step's id.</param>
/// <param name="Attempt">The attempt's number, from 1.</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="Parameters">The step's parameters, templates rendered.</param>
/// <param name="Deadline">When the attempt times out.</param>
public sealed record ToolAttempt(string InstanceId, string StepId, int Attempt, string Tool, JsonElement Parameters, DateTimeOffset Deadline)
{
    /// <summary>
    /// The run's trace context as a W3C <c>traceparent</c> (<see cref="Telemetry.RunTrace.TraceParentOf"/>): the
    /// attempt's span is its child, so that every attempt of a run shares its operation. None: a span of its own trace.
    /// </summary>
    public string? TraceParent { get; init; }
}
