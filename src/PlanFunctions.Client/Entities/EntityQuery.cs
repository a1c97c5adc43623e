namespace PlanFunctions.Client.Entities;

/// <summary>A filter over the entities of one name, as Durable Functions' list-entities query has it.</summary>
public sealed record EntityQuery
{
    /// <summary>The entities' name, in any case.</summary>
    public required string Name { get; init; }

    /// <summary>Only entities whose state changed at or after this time.</summary>
    public DateTimeOffset? LastModifiedFrom { get; init; }

    /// <summary>Only entities whose state changed at or before this time.</summary>
    public DateTimeOffset? LastModifiedTo { get; init; }

    /// <summary>Whether to include each entity's state (Durable Functions' <c>fetchState</c>).</summary>
    public bool IncludeState { get; init; }

    /// <summary>At most this many entities in one page.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page stopped, as it handed out.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether an entity's last change falls in this query's time window.</summary>
    public bool Matches(DateTimeOffset? lastModifiedTime) =>
        (LastModifiedFrom is not { } from || lastModifiedTime >= from)
        && (LastModifiedTo is not { } to || lastModifiedTime <= to);
}
