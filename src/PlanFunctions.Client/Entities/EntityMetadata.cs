using System.Text.Json;

namespace PlanFunctions.Client.Entities;

/// <summary>An entity as Durable Functions' entity API shows it: its id, when it last changed, and its state.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="LastModifiedTime">When its state last changed; <see langword="null"/> where the engine does not record it.</param>
/// <param name="State">Its state, when asked for.</param>
public sealed record EntityMetadata(EntityInstanceId Id, DateTimeOffset? LastModifiedTime, JsonElement? State);
