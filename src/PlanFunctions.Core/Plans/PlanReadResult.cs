namespace PlanFunctions.Core.Plans;

/// <summary>The outcome of reading (and, where asked, validating) a plan document.</summary>
/// <param name="Plan">The plan, when the document could be read into one; present even with semantic problems.</param>
/// <param name="Problems">Every problem found, none left out; empty when the plan is accepted.</param>
public sealed record PlanReadResult(Plan? Plan, IReadOnlyList<PlanProblem> Problems)
{
    /// <summary>Whether the plan was read with no problem at all.</summary>
    public bool Succeeded => Plan is not null && Problems.Count == 0;
}
