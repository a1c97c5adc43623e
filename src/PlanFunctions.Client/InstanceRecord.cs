using PlanFunctions.Core.Execution;

namespace PlanFunctions.Client;

/// <summary>One run in the instance index: what listing and purging need without reading its history.</summary>
public sealed record InstanceRecord
{
    /// <summary>The run's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The plan's name.</summary>
    public required string Name { get; init; }

    /// <summary>The run's <c>runtimeStatus</c>.</summary>
    public required RuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the run was started.</summary>
    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the run last changed.</summary>
    public required DateTimeOffset LastUpdatedTime { get; init; }
}
