using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>
/// The name/value settings of a compiled template (a Function App's <c>appSettings</c>, a container's <c>env</c>),
/// whether written as a JSON array or as one expression that Bicep made of a concatenation: <c>concat(variables('a'),
/// createArray(createObject('name', 'X', 'value', ...)))</c>.
/// </summary>
public static partial class AppSettings
{
    /// <summary>Every setting <paramref name="value"/> may hold in <paramref name="scope"/>: its name and its value as written.</summary>
    public static IReadOnlyList<(string Name, JsonNode? Value)> Read(ArmScope scope, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var settings = new List<(string, JsonNode?)>();
        Collect(scope, value, settings, depth: 0);
        return settings;
    }

    /// <summary>The one value of the setting <paramref name="name"/>; fails the test when there is not exactly one.</summary>
    public static JsonNode? Value(this IReadOnlyList<(string Name, JsonNode? Value)> settings, string name) =>
        Assert.Single(settings, setting => setting.Name == name).Value;

    private static void Collect(ArmScope scope, JsonNode? value, List<(string, JsonNode?)> settings, int depth)
    {
        Assert.True(depth < 10, "settings nest deeper than any template here does");
        switch (value)
        {
            case JsonArray list:
                foreach (var setting in list.OfType<JsonObject>())
                {
                    settings.Add(((string)setting["name"]!, setting["value"]?.DeepClone() ?? setting["secretRef"]?.DeepClone()));
                }

                break;
            case JsonValue text when text.TryGetValue<string>(out var expression):
                foreach (Match match in CreateObject().Matches(expression))
                {
                    settings.Add((match.Groups["name"].Value, JsonValue.Create($"[{match.Groups["value"].Value}]")));
                }

                foreach (Match match in VariableReference().Matches(expression))
                {
                    Collect(scope, scope.Template["variables"]?[match.Groups["name"].Value], settings, depth + 1);
                }

                break;
        }
    }

    // A setting written inside an expression; its value is a parameter, a string or a secret's name.
    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', '(?:value|secretRef)', (?<value>parameters\('[^']+'\)|'[^']*'|string\([^)]*\))")]
    private static partial Regex CreateObject();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();
}
