namespace PlanFunctions.Client.Api;

/// <summary>The health probe's answer (<c>GET /api/health</c>) when the engine answers, on either engine.</summary>
/// <param name="Status"><c>Healthy</c> or <c>Degraded</c>.</param>
public sealed record HealthAnswer(string Status);
