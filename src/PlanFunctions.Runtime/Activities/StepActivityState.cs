namespace PlanFunctions.Runtime.Activities;

/// <summary>Where an activity's attempt stands.</summary>
public enum StepActivityState
{
    /// <summary>This activation never started the attempt: it was lost with the host that ran it.</summary>
    Unknown,

    /// <summary>The tool is running.</summary>
    Running,

    /// <summary>The result was delivered, or the attempt was cancelled.</summary>
    Finished,
}
