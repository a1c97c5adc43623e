namespace PlanFunctions.Core.Execution;

/// <summary>The <c>outcome</c> of an ended run, in its output.</summary>
public enum RunOutcome
{
    /// <summary>The run completed and no step failed.</summary>
    Succeeded,

    /// <summary>The run did not succeed, but some steps did.</summary>
    PartiallySucceeded,

    /// <summary>The run did not succeed and no step did.</summary>
    Failed,
}
