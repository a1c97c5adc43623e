using System.Text.Json;

namespace PlanFunctions.Tools.Abstractions;

/// <summary>One attempt of a step, as a tool receives it.</summary>
/// <param name="InstanceId">The run's instance id.</param>
/// <param name="StepId">The step's id in the plan.</param>
/// <param name="Attempt">Which attempt this is, counted from 1.</param>
/// <param name="Parameters">The step's parameters with every template filled in; an object.</param>
/// <param name="Deadline">When the attempt's timeout passes; the cancellation token fires then at the latest.</param>
public sealed record ToolInvocation(
    string InstanceId,
    string StepId,
    int Attempt,
    JsonElement Parameters,
    DateTimeOffset Deadline);
