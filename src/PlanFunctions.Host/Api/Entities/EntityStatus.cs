using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanFunctions.Host.Api.Entities;

/// <summary>One entity in Durable Functions' entity listing: its id, when it last changed, and its state when asked for.</summary>
/// <param name="EntityId">The entity's name (lower case, as Durable Functions stores it) and key.</param>
/// <param name="LastOperationTime">When its state last changed; left out where the engine does not record it.</param>
/// <param name="State">Its state, with <c>fetchState=true</c>.</param>
public sealed record EntityStatus(
    EntityIdentity EntityId,
    DateTimeOffset? LastOperationTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? State);
