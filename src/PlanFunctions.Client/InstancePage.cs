namespace PlanFunctions.Client;

/// <summary>One page of a listing.</summary>
/// <param name="Instances">The runs on this page.</param>
/// <param name="ContinuationToken">Where the next page starts; <see langword="null"/> on the last page.</param>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
