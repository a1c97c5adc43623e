namespace PlanFunctions.Viewer;

/// <summary>
/// The management URLs of one run, as Durable Functions' check-status payload hands them out (with the key where keys
/// are on): the page polls the first and posts to the others.
/// </summary>
/// <param name="StatusQueryGetUri">The status endpoint of the run.</param>
/// <param name="SendEventPostUri">Raise an event; holds the placeholder <c>{eventName}</c>.</param>
/// <param name="TerminatePostUri">Terminate; holds the placeholder <c>{text}</c> for the reason.</param>
/// <param name="SuspendPostUri">Suspend; holds the placeholder <c>{text}</c>.</param>
/// <param name="ResumePostUri">Resume; holds the placeholder <c>{text}</c>.</param>
/// <param name="RewindPostUri">Rewind a Failed run; holds the placeholder <c>{text}</c>. Without it the page has no Rewind button.</param>
public sealed record RunControlLinks(string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string SuspendPostUri, string ResumePostUri, string? RewindPostUri = null);
