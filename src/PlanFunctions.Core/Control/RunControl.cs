using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Core.Control;

/// <summary>
/// Decides control requests for every engine: which are refused and why, and which event an accepted one records. The
/// engine records the event, decides the run, and answers with the result.
/// </summary>
public static class RunControl
{
    /// <summary>The event name that cancels a run; its payload may be the reason (a string, or an object with <c>reason</c>).</summary>
    public const string CancelEventName = "cancel";

    /// <summary>The event name that moves the run's deadline; its payload is an object with positive, finite <c>seconds</c>.</summary>
    public const string ExtendTimeoutEventName = "extendTimeout";

    /// <summary>
    /// Answers a control request for <paramref name="run"/> (<see langword="null"/> or not started when no run has the
    /// id) at <paramref name="now"/>: <see cref="ControlResult.NotFound"/> without a run,
    /// <see cref="ControlResult.AlreadyEnded"/> for an ended run (a purge then is accepted),
    /// <see cref="ControlResult.Conflict"/> for a purge of a run under way or a rewind of a run that has not ended
    /// <c>Failed</c> (a rewind of a Failed run is accepted), <see cref="ControlResult.Invalid"/> for an
    /// <c>extendTimeout</c> without positive, finite <c>seconds</c>; otherwise accepted with its event.
    /// </summary>
    public static ControlDecision Decide(PlanRun? run, ControlRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (run is null || !run.IsStarted)
        {
            return new(ControlResult.NotFound, null);
        }

        if (request.Kind == ControlKind.Purge)
        {
            return new(run.IsEnded ? ControlResult.Accepted : ControlResult.Conflict, null);
        }

        if (request.Kind == ControlKind.Rewind)
        {
            return run.IsRewindable
                ? Accept(new RunRewound { Timestamp = now, Reason = request.Reason })
                : new(ControlResult.Conflict, null);
        }

        if (run.IsEnded)
        {
            return new(ControlResult.AlreadyEnded, null);
        }

        return request.Kind switch
        {
            ControlKind.Terminate => Accept(new TerminateRequested { Timestamp = now, Reason = request.Reason }),
            ControlKind.Suspend => Accept(new SuspendRequested { Timestamp = now, Reason = request.Reason }),
            ControlKind.Resume => Accept(new ResumeRequested { Timestamp = now, Reason = request.Reason }),
            _ => RaiseEvent(request.EventName!, request.Payload, now),
        };
    }

    /// <summary>What a start under an id does, given the run that already has it (<see langword="null"/> for none).</summary>
    public static StartDecision DecideStart(PlanRun? existing) => existing switch
    {
        null or { IsStarted: false } => StartDecision.Start,
        { IsEnded: true } => StartDecision.ReplaceEnded,
        _ => StartDecision.Conflict,
    };

    /// <summary>The reason a <c>cancel</c> payload gives: the string itself, or an object's <c>reason</c> string.</summary>
    public static string? ReasonOf(JsonElement? payload) => payload switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } body when body.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String => reason.GetString(),
        _ => null,
    };

    private static ControlDecision RaiseEvent(string name, JsonElement? payload, DateTimeOffset now)
    {
        switch (name)
        {
            case CancelEventName:
                return Accept(new CancelRequested { Timestamp = now, Reason = ReasonOf(payload) });
            case ExtendTimeoutEventName:
                if (payload is not { ValueKind: JsonValueKind.Object } body
                    || !body.TryGetProperty("seconds", out var seconds)
                    || seconds.ValueKind != JsonValueKind.Number
                    || !seconds.TryGetDouble(out var value) || value <= 0 || !double.IsFinite(value))
                {
                    return new(ControlResult.Invalid, null);
                }

                return Accept(new TimeoutExtended { Timestamp = now, Seconds = value });
            default:
                return Accept(new EventRaised { Timestamp = now, Name = name, Payload = payload });
        }
    }

    private static ControlDecision Accept(RunEvent e) => new(ControlResult.Accepted, e);
}
