namespace PlanFunctions.Host.Api.Runs;

/// <summary>
/// Durable Functions' check-status payload: the run's id and the absolute URLs to manage it.
/// <see cref="SendEventPostUri"/> holds <c>{eventName}</c> and the control URLs hold <c>{text}</c> for the caller to fill in.
/// </summary>
public sealed record CheckStatusResponse
{
    /// <summary>The run's instance id.</summary>
    public required string Id { get; init; }

    /// <summary>GET: the run's status.</summary>
    public required string StatusQueryGetUri { get; init; }

    /// <summary>POST: raise the event named in place of <c>{eventName}</c>.</summary>
    public required string SendEventPostUri { get; init; }

    /// <summary>POST: terminate, with the reason in place of <c>{text}</c>.</summary>
    public required string TerminatePostUri { get; init; }

    /// <summary>DELETE: purge the ended run.</summary>
    public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>POST: suspend, with the reason in place of <c>{text}</c>.</summary>
    public required string SuspendPostUri { get; init; }

    /// <summary>POST: resume, with the reason in place of <c>{text}</c>.</summary>
    public required string ResumePostUri { get; init; }
}
