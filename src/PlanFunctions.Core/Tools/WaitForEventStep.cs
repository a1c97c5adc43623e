using System.Text.Json;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tools;

/// <summary>How a <c>waitForEvent</c> step names the external event it waits for: its <c>eventName</c> parameter, as written.</summary>
public static class WaitForEventStep
{
    /// <summary>The event name in a <c>waitForEvent</c> step's parameters; empty when there is none.</summary>
    public static string EventNameOf(JsonElement? parameters) =>
        parameters is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("eventName", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()!
            : string.Empty;

    /// <summary>The distinct event names the plan's <c>waitForEvent</c> steps wait for.</summary>
    public static IEnumerable<string> EventNamesOf(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Steps
            .Where(s => s.Tool == BuiltInToolNames.WaitForEvent)
            .Select(s => EventNameOf(s.Parameters))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);
    }
}
