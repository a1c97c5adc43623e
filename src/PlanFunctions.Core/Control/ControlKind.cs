namespace PlanFunctions.Core.Control;

/// <summary>What a control request asks of a run.</summary>
public enum ControlKind
{
    /// <summary>Raise an external event (<c>cancel</c> and <c>extendTimeout</c> are the engine's own).</summary>
    RaiseEvent,

    /// <summary>End the run at once as Terminated.</summary>
    Terminate,

    /// <summary>Suspend the run.</summary>
    Suspend,

    /// <summary>Resume a suspended run.</summary>
    Resume,

    /// <summary>Delete an ended run's history and index entry.</summary>
    Purge,

    /// <summary>Take a <c>Failed</c> run back to its failed steps (<see cref="Execution.Events.RunRewound"/>).</summary>
    Rewind,
}
