using System.Text.Encodings.Web;
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

            // Documents are served as application/json and printed on terminals, never embedded in HTML: keep
            // apostrophes and non-ASCII text readable instead of \u0027.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
