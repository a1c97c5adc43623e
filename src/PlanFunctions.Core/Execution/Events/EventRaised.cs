using System.Text.Json;

namespace PlanFunctions.Core.Execution.Events;

/// <summary>An event was raised on the run by name (other than cancel and extendTimeout); waitForEvent steps of that name receive it.</summary>
public sealed record EventRaised : RunEvent
{
    /// <summary>The event's name.</summary>
    public required string Name { get; init; }

    /// <summary>The event's JSON payload.</summary>
    public JsonElement? Payload { get; init; }
}
