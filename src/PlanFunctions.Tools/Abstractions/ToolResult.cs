using System.Text.Json;

namespace PlanFunctions.Tools.Abstractions;

/// <summary>How one attempt of a tool ended: an output, or a failure that may or may not be retried.</summary>
public sealed class ToolResult
{
    private ToolResult(bool succeeded, JsonElement output, string? message, bool retryable)
    {
        Succeeded = succeeded;
        Output = output;
        Message = message;
        Retryable = retryable;
    }

    /// <summary>Whether the attempt succeeded.</summary>
    public bool Succeeded { get; }

    /// <summary>The step's output when <see cref="Succeeded"/>; <see cref="JsonValueKind.Undefined"/> otherwise.</summary>
    public JsonElement Output { get; }

    /// <summary>Why the attempt failed; <see langword="null"/> when it succeeded.</summary>
    public string? Message { get; }

    /// <summary>Whether the engine may retry the step after this failure; <see langword="false"/> on success.</summary>
    public bool Retryable { get; }

    /// <summary>A successful attempt with its output. The output is cloned, so it outlives any document it came from.</summary>
    /// <exception cref="ArgumentException">The output is <see cref="JsonValueKind.Undefined"/>.</exception>
    public static ToolResult Success(JsonElement output)
    {
        if (output.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("A tool's output must be a JSON value; use null for none.", nameof(output));
        }

        return new ToolResult(succeeded: true, output.Clone(), message: null, retryable: false);
    }

    /// <summary>A failed attempt.</summary>
    /// <param name="message">What went wrong, for the user: it becomes the step's error.</param>
    /// <param name="retryable">Whether the step's retry policy may try again (network faults, timeouts) or not (bad parameters).</param>
    public static ToolResult Failure(string message, bool retryable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new ToolResult(succeeded: false, default, message, retryable);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Succeeded ? $"succeeded: {Output.GetRawText()}" : $"failed ({(Retryable ? "retryable" : "not retryable")}): {Message}";
}
