namespace PlanFunctions.Client.Entities;

/// <summary>One page of an entity listing.</summary>
/// <param name="Entities">The entities on this page.</param>
/// <param name="ContinuationToken">Where the next page starts; <see langword="null"/> on the last page.</param>
public sealed record EntityPage(IReadOnlyList<EntityMetadata> Entities, string? ContinuationToken);
