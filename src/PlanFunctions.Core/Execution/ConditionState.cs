namespace PlanFunctions.Core.Execution;

/// <summary>Where a step's condition stands.</summary>
internal enum ConditionState
{
    NotEvaluated,
    AiRequested,
    HeldTrue,
    HeldFalse,
}
