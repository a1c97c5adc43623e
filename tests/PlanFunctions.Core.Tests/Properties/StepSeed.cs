using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Properties;

/// <summary>
/// The random numbers one step of a generated plan is built from. Each roll shrinks towards 0, and 0 always
/// means the simplest choice (echo, no dependency, no condition, no template), so a shrunk failure is small.
/// </summary>
internal sealed record StepSeed(
    int ToolRoll,
    int[] DependencyPicks,
    RetryPolicy? Retry,
    int TimeoutSeconds,
    int StopOnFailureRoll,
    int ConditionRoll,
    int TemplateRoll,
    int Parameter,
    AttemptScript[] Script,
    bool AiAnswer);
