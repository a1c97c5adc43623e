namespace PlanFunctions.Core.Control;

/// <summary>What a start under an instance id does, given the run already under that id (<see cref="RunControl.DecideStart"/>).</summary>
public enum StartDecision
{
    /// <summary>No run has the id: the run starts.</summary>
    Start,

    /// <summary>An ended run has the id: its history is deleted and the new run starts (as in Durable Functions).</summary>
    ReplaceEnded,

    /// <summary>A run under way has the id: the start is refused (<see cref="StartRunResult.Conflict"/>).</summary>
    Conflict,
}
