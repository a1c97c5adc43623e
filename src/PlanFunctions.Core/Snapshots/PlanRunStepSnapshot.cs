using PlanFunctions.Core.Execution;

namespace PlanFunctions.Core.Snapshots;

/// <summary>One step's state in a <see cref="PlanRunSnapshot"/>.</summary>
public sealed record PlanRunStepSnapshot
{
    /// <summary>The step's status.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>The attempts dispatched so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The attempts made before the last rewind.</summary>
    public int AttemptsBeforeRewind { get; init; }

    /// <summary>The attempts that timed out.</summary>
    public int Timeouts { get; init; }

    /// <summary>The step's output as JSON text, or <see langword="null"/> for none.</summary>
    public string? Output { get; init; }

    /// <summary>The step's last error.</summary>
    public string? Error { get; init; }

    /// <summary>When its first attempt was dispatched.</summary>
    public DateTimeOffset? StartedTime { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? CompletedTime { get; init; }

    /// <summary>The deadline of the attempt under way.</summary>
    public DateTimeOffset? AttemptDeadline { get; init; }

    /// <summary>The time limit of the attempt under way, in seconds (absent in snapshots written before it was kept).</summary>
    public double? AttemptTimeoutSeconds { get; init; }

    /// <summary>When its next attempt is due.</summary>
    public DateTimeOffset? NextAttemptTime { get; init; }

    /// <summary>How many of its dependencies have not ended.</summary>
    public int RemainingDependencies { get; init; }

    /// <summary>Where its condition stands.</summary>
    public StepConditionState Condition { get; init; }

    /// <summary>The external event it waits for (<c>waitForEvent</c>).</summary>
    public string? WaitingForEvent { get; init; }
}
