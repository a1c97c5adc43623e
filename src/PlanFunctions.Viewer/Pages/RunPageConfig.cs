namespace PlanFunctions.Viewer.Pages;

/// <summary>What the run page's script is handed in the page: which run, and every URL it calls (with the key where keys are on).</summary>
internal sealed record RunPageConfig(
    string InstanceId,
    string GraphUrl,
    string ListUrl,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string? RewindPostUri);
