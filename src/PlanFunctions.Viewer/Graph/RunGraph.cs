using PlanFunctions.Core.Execution;

namespace PlanFunctions.Viewer.Graph;

/// <summary>
/// What the run page draws: the plan's steps with their layers and how each stands, the run's progress, deadline and
/// final response. Built from the engine-neutral client only, so every engine shows the same.
/// </summary>
public sealed record RunGraph
{
    /// <summary>The run's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The plan's name.</summary>
    public required string Name { get; init; }

    /// <summary>The plan's goal, if it has one.</summary>
    public string? Goal { get; init; }

    /// <summary>The run's <c>runtimeStatus</c>.</summary>
    public required RuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the run was started.</summary>
    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the run last changed.</summary>
    public required DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>The run's deadline, after any <c>extendTimeout</c>, while it has not ended.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The run's progress, as its status document's <c>customStatus</c>.</summary>
    public required ExecutionProgress Progress { get; init; }

    /// <summary>The steps, in plan order.</summary>
    public required IReadOnlyList<RunGraphStep> Steps { get; init; }

    /// <summary>How the run ended, once it has.</summary>
    public RunOutcome? Outcome { get; init; }

    /// <summary>The final response, once the run has ended.</summary>
    public string? Response { get; init; }

    /// <summary>Why a run that did not succeed ended so.</summary>
    public string? Error { get; init; }
}
