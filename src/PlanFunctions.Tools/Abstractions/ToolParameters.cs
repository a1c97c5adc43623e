using System.Text.Json;

namespace PlanFunctions.Tools.Abstractions;

/// <summary>Helpers for tools that check their parameters at submit time.</summary>
public static class ToolParameters
{
    /// <summary>
    /// Whether a value is a string holding a template (<c>{{</c>) that is not filled in yet at submit time: its
    /// final type is unknown, so a check must accept it whatever type it expects.
    /// </summary>
    public static bool IsUnfilledTemplate(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Contains("{{", StringComparison.Ordinal);
}
