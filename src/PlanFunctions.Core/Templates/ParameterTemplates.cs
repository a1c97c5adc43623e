using System.Text.Json;
using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Templates;

/// <summary>
/// Finds and fills in the <c>{{ path }}</c> templates in a step's parameters. A string that is exactly one
/// template takes the JSON type of the value it names; otherwise values are written into the string.
/// </summary>
public static class ParameterTemplates
{
    /// <summary>Finds every template in every string of the parameters (object property values and array items, at any depth).</summary>
    public static TemplateScan Scan(JsonElement parameters, int maxTemplateLength = 4096)
    {
        throw new NotImplementedException();
    }

    /// <summary>Fills in every template. A path that does not resolve fails, naming the path.</summary>
    public static TemplateRenderResult Render(JsonElement parameters, IPathValueSource values, int maxExpansionChars = 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(values);
        throw new NotImplementedException();
    }
}
