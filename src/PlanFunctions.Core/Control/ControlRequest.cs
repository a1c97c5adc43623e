using System.Text.Json;

namespace PlanFunctions.Core.Control;

/// <summary>A request to control a run, as the HTTP API or a client sends it; <see cref="RunControl.Decide"/> answers it.</summary>
public sealed record ControlRequest
{
    private ControlRequest(ControlKind kind, string? eventName, JsonElement? payload, string? reason)
    {
        Kind = kind;
        EventName = eventName;
        Payload = payload;
        Reason = reason;
    }

    /// <summary>What is asked.</summary>
    public ControlKind Kind { get; }

    /// <summary>The event's name, for <see cref="ControlKind.RaiseEvent"/>.</summary>
    public string? EventName { get; }

    /// <summary>The event's payload, for <see cref="ControlKind.RaiseEvent"/>.</summary>
    public JsonElement? Payload { get; }

    /// <summary>Why, for terminate, suspend, resume and rewind.</summary>
    public string? Reason { get; }

    /// <summary>Raises an external event.</summary>
    public static ControlRequest RaiseEvent(string eventName, JsonElement? payload)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        return new(ControlKind.RaiseEvent, eventName, payload, null);
    }

    /// <summary>Terminates the run.</summary>
    public static ControlRequest Terminate(string? reason) => new(ControlKind.Terminate, null, null, reason);

    /// <summary>Suspends the run.</summary>
    public static ControlRequest Suspend(string? reason) => new(ControlKind.Suspend, null, null, reason);

    /// <summary>Resumes the run.</summary>
    public static ControlRequest Resume(string? reason) => new(ControlKind.Resume, null, null, reason);

    /// <summary>Rewinds a <c>Failed</c> run.</summary>
    public static ControlRequest Rewind(string? reason) => new(ControlKind.Rewind, null, null, reason);

    /// <summary>Purges an ended run.</summary>
    public static ControlRequest Purge() => new(ControlKind.Purge, null, null, null);
}
