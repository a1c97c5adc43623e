using System.Text.Json;

namespace PlanFunctions.Core.Serialization;

/// <summary>How JSON kinds are named in messages, the same in every layer.</summary>
public static class JsonKinds
{
    /// <summary>The kind as a message says it: "an object", "a string", "null".</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
