namespace PlanFunctions.Client.Health;

/// <summary>What a health probe of an engine found.</summary>
/// <param name="Problem">What did not answer, or <see langword="null"/> when the engine and its storage answered.</param>
public sealed record EngineHealth(string? Problem)
{
    /// <summary>The engine and its storage answered.</summary>
    public static EngineHealth Healthy { get; } = new((string?)null);

    /// <summary>Whether the engine and its storage answered.</summary>
    public bool IsHealthy => Problem is null;
}
