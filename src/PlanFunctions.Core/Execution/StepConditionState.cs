namespace PlanFunctions.Core.Execution;

/// <summary>Where a step's condition stands.</summary>
public enum StepConditionState
{
    /// <summary>Not evaluated yet (or the step has none).</summary>
    NotEvaluated,

    /// <summary>An AI condition was asked and is not answered yet.</summary>
    AiRequested,

    /// <summary>The condition held.</summary>
    HeldTrue,

    /// <summary>The condition did not hold.</summary>
    HeldFalse,
}
