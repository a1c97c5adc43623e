using System.Text.Json;

namespace PlanFunctions.Core.Execution.Commands;

/// <summary>Run attempt N of a step by calling its tool (an activity) with these parameters; it must end by the deadline.</summary>
public sealed record DispatchStep : RunCommand
{
    /// <summary>The step.</summary>
    public required string StepId { get; init; }

    /// <summary>The attempt, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>The tool to call.</summary>
    public required string Tool { get; init; }

    /// <summary>The parameters, templates filled in.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>When the attempt times out and is cancelled.</summary>
    public required DateTimeOffset Deadline { get; init; }
}
