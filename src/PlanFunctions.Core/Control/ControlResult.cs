namespace PlanFunctions.Core.Control;

/// <summary>The answer to an event or a control operation on a run.</summary>
public enum ControlResult
{
    /// <summary>Recorded; it takes effect as the run goes on.</summary>
    Accepted,

    /// <summary>No run has this instance id.</summary>
    NotFound,

    /// <summary>The run has already ended.</summary>
    AlreadyEnded,

    /// <summary>The operation needs an ended run and this one is still going (purge).</summary>
    Conflict,

    /// <summary>The request was not valid (an extendTimeout without a positive number of seconds).</summary>
    Invalid,
}
