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

    /// <summary>
    /// The run is not in the state the operation needs: a purge of a run still going, a rewind of a run that has not
    /// ended <c>Failed</c>.
    /// </summary>
    Conflict,

    /// <summary>The request was not valid (an extendTimeout without a positive number of seconds).</summary>
    Invalid,
}
