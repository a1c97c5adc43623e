using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Serialization;

/// <summary>The one set of System.Text.Json options every layer uses for plans, events and status documents.</summary>
public static class PlanJson
{
    /// <summary>camelCase names, enums as strings, nulls left out.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
