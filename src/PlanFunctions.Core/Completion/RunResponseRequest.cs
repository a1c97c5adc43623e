using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Completion;

/// <summary>What the final response of a run is written from.</summary>
/// <param name="Plan">The plan, with its goal.</param>
/// <param name="RuntimeStatus">How the run ended.</param>
/// <param name="Steps">How each step ended.</param>
/// <param name="Error">Why the run did not succeed, if it did not.</param>
/// <param name="PlainResponse">The engine's own plain response, the fallback.</param>
public sealed record RunResponseRequest(
    Plan Plan,
    RuntimeStatus RuntimeStatus,
    IReadOnlyDictionary<string, StepOutcome> Steps,
    string? Error,
    string PlainResponse);
