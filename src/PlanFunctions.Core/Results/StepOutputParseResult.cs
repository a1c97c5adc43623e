using System.Text.Json;

namespace PlanFunctions.Core.Results;

/// <summary>A tool's result as the step's JSON output, or why it cannot be one.</summary>
/// <param name="Output">The output, when <see cref="Error"/> is <see langword="null"/>.</param>
/// <param name="Error">Why the result cannot be kept (too large), with the size in the message.</param>
public readonly record struct StepOutputParseResult(JsonElement Output, string? Error)
{
    /// <summary>Whether the result is kept as the step's output.</summary>
    public bool Succeeded => Error is null;
}
