using System.Text.Json;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>The input of the <c>ExecuteStep</c> activity: one attempt of a step, as Core's DispatchStep command says.</summary>
public sealed record StepAttemptRequest
{
    /// <summary>The run's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>The tool to run.</summary>
    public required string Tool { get; init; }

    /// <summary>The parameters, templates filled in.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>When the attempt times out: the activity stops its tool then and returns.</summary>
    public required DateTimeOffset Deadline { get; init; }
}
