namespace PlanFunctions.Host.Api.Monitoring;

/// <summary>The health probe's answer when the engine answers.</summary>
/// <param name="Status"><c>Healthy</c> or <c>Degraded</c>.</param>
public sealed record HealthAnswer(string Status);
