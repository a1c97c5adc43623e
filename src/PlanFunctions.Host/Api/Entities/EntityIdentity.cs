namespace PlanFunctions.Host.Api.Entities;

/// <summary>An entity's id as Durable Functions' entity listing writes it.</summary>
/// <param name="Key">The entity's key.</param>
/// <param name="Name">The entity's name, in lower case.</param>
public sealed record EntityIdentity(string Key, string Name);
