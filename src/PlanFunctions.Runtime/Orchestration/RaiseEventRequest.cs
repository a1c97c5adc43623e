using System.Text.Json;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>An event raised on a run.</summary>
/// <param name="EventName">The event's name: <c>cancel</c>, <c>extendTimeout</c>, or a name <c>waitForEvent</c> steps wait for.</param>
/// <param name="Payload">The event's JSON body.</param>
public sealed record RaiseEventRequest(string EventName, JsonElement? Payload);
