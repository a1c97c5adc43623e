using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Core.Results;

/// <summary>
/// How one attempt of a step came out, as every engine reports it: an output, or an error and whether another attempt
/// may succeed. The factories name each way an attempt can end and hold its error text, so that the engines agree on
/// both; <see cref="ToEvent"/> makes the event the run records.
/// </summary>
public sealed record StepAttemptResult
{
    /// <summary>
    /// A result as it was sent from where the attempt ran (a message, JSON); a new result is made with the factories.
    /// </summary>
    [JsonConstructor]
    public StepAttemptResult(bool succeeded, JsonElement output, string? error, bool retryable, bool timedOut = false)
    {
        Succeeded = succeeded;
        Output = output;
        Error = error;
        Retryable = retryable;
        TimedOut = timedOut && !succeeded;
    }

    /// <summary>Whether the attempt succeeded.</summary>
    public bool Succeeded { get; }

    /// <summary>The step's output, when it succeeded.</summary>
    public JsonElement Output { get; }

    /// <summary>Why the attempt failed, when it did.</summary>
    public string? Error { get; }

    /// <summary>Whether another attempt may succeed (the step's retry policy decides whether one is made).</summary>
    public bool Retryable { get; }

    /// <summary>
    /// Whether the attempt was stopped at its deadline where it ran: the run records it as a timeout
    /// (<see cref="StepTimedOut"/>), as when its own clock passes the deadline first, so both read the same.
    /// </summary>
    public bool TimedOut { get; }

    /// <summary>
    /// A tool's output, kept when it is a JSON value within <paramref name="maxOutputBytes"/> and
    /// <see cref="StepOutputParser.MaxDepth"/>; otherwise a failure that no retry mends.
    /// </summary>
    public static StepAttemptResult Success(JsonElement output, int maxOutputBytes)
    {
        var parsed = StepOutputParser.FromJson(output, maxOutputBytes);
        return parsed.Succeeded ? new(true, output, null, retryable: false) : Failure(parsed.Error!, retryable: false);
    }

    /// <summary>A failed attempt with its error.</summary>
    public static StepAttemptResult Failure(string error, bool retryable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(false, default, error, retryable);
    }

    /// <summary>The tool reported a failure; a tool that gives no message gets a generic one.</summary>
    public static StepAttemptResult ToolFailed(string? message, bool retryable) =>
        Failure(string.IsNullOrWhiteSpace(message) ? "the tool failed" : message, retryable);

    /// <summary>No tool of that name is registered on the host that ran the attempt: not retried.</summary>
    public static StepAttemptResult UnknownTool(string tool) =>
        Failure($"no tool '{tool}' is registered on this host", retryable: false);

    /// <summary>The tool returned no result at all: not retried.</summary>
    public static StepAttemptResult NoResult(string tool) =>
        Failure($"the tool '{tool}' returned no result", retryable: false);

    /// <summary>The tool ignored its cancellation for the whole grace period and was abandoned: retried.</summary>
    public static StepAttemptResult Abandoned(string tool, TimeSpan gracePeriod) =>
        Failure(string.Create(CultureInfo.InvariantCulture, $"the tool '{tool}' did not stop within {gracePeriod.TotalSeconds:0.#} s of its cancellation"), retryable: true);

    /// <summary>The attempt was cancelled at its deadline: retried; the run records a <see cref="StepTimedOut"/>.</summary>
    public static StepAttemptResult DeadlinePassed(int attempt, DateTimeOffset deadline) =>
        new(false, default, string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} timed out at its deadline {deadline:O}"), retryable: true, timedOut: true);

    /// <summary>
    /// The tool threw an exception that is not a tool's own failure: retried, with the exception's type and message
    /// (<see langword="null"/> when its message could not be read).
    /// </summary>
    public static StepAttemptResult Threw(string exceptionTypeName, string? message) =>
        Failure($"{exceptionTypeName}: {message ?? "(the exception's message could not be read)"}", retryable: true);

    /// <summary>
    /// The event the run records for this result of <paramref name="attempt"/> of <paramref name="stepId"/>. The output
    /// is checked again against <paramref name="maxOutputBytes"/>: the limit in force where the run is decided wins.
    /// </summary>
    public RunEvent ToEvent(string stepId, int attempt, DateTimeOffset now, int maxOutputBytes)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        if (TimedOut)
        {
            return new StepTimedOut { Timestamp = now, StepId = stepId, Attempt = attempt };
        }

        if (!Succeeded)
        {
            return new StepFailed { Timestamp = now, StepId = stepId, Attempt = attempt, Error = Error ?? "the step failed", Retryable = Retryable };
        }

        var output = StepOutputParser.FromJson(Output, maxOutputBytes);
        return output.Succeeded
            ? new StepSucceeded { Timestamp = now, StepId = stepId, Attempt = attempt, Output = Output }
            : new StepFailed { Timestamp = now, StepId = stepId, Attempt = attempt, Error = output.Error!, Retryable = false };
    }
}
