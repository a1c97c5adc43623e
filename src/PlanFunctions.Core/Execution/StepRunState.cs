using System.Text.Json;
using PlanFunctions.Core.Expressions;

namespace PlanFunctions.Core.Execution;

/// <summary>The mutable state of one step inside a <see cref="PlanRun"/>.</summary>
internal sealed class StepRunState
{
    public StepStatus Status { get; set; } = StepStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>The attempts made before the last rewind: the retry policy counts only the attempts after it.</summary>
    public int AttemptsBeforeRewind { get; set; }

    /// <summary>How many attempts timed out.</summary>
    public int Timeouts { get; set; }

    public JsonElement? Output { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? StartedTime { get; set; }

    public DateTimeOffset? CompletedTime { get; set; }

    public DateTimeOffset? AttemptDeadline { get; set; }

    /// <summary>The time limit of the attempt under way, in seconds: the step's timeout, or a <c>waitForEvent</c> step's own.</summary>
    public double? AttemptTimeoutSeconds { get; set; }

    public DateTimeOffset? NextAttemptTime { get; set; }

    /// <summary>Dependencies that have not ended yet; the step is ready when it reaches 0.</summary>
    public int RemainingDependencies { get; set; }

    public StepConditionState Condition { get; set; }

    /// <summary>The parsed expression condition, parsed once on first use.</summary>
    public ConditionExpression? ParsedCondition { get; set; }

    /// <summary>The event name, for a <c>waitForEvent</c> step that is waiting.</summary>
    public string? WaitingForEvent { get; set; }

    public bool IsEnded => Status is StepStatus.Succeeded or StepStatus.Failed or StepStatus.Skipped or StepStatus.Cancelled;
}
