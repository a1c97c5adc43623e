namespace PlanFunctions.Core.Control;

/// <summary>Whether a run was started.</summary>
public enum StartRunResult
{
    /// <summary>The run was started.</summary>
    Started,

    /// <summary>A run under this instance id has not ended: nothing was started.</summary>
    Conflict,
}
