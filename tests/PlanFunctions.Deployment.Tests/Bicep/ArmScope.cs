using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>
/// One template of the compiled ARM JSON: the root, or the inner template of a nested deployment (a Bicep module),
/// with the deployment that passes it its parameters.
/// </summary>
public sealed partial class ArmScope
{
    private ArmScope(JsonObject template, JsonObject? deployment, ArmScope? parent)
    {
        Template = template;
        Deployment = deployment;
        Parent = parent;
    }

    /// <summary>The template: parameters, variables, resources.</summary>
    public JsonObject Template { get; }

    /// <summary>The nested deployment whose inner template this is; null for the root.</summary>
    public JsonObject? Deployment { get; }

    /// <summary>The template the deployment is declared in; null for the root.</summary>
    public ArmScope? Parent { get; }

    /// <summary>The root scope of a compiled template.</summary>
    public static ArmScope Root(JsonObject template) => new(template, null, null);

    /// <summary>The resources declared directly in this template, whether listed or keyed by symbolic name.</summary>
    public IEnumerable<JsonObject> Resources => Template["resources"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject named => named.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>This scope and every nested deployment's, depth first.</summary>
    public IEnumerable<ArmScope> SelfAndDescendants()
    {
        yield return this;
        foreach (var resource in Resources.Where(r => (string?)r["type"] == "Microsoft.Resources/deployments"))
        {
            if (resource["properties"]?["template"] is JsonObject inner)
            {
                foreach (var scope in new ArmScope(inner, resource, this).SelfAndDescendants())
                {
                    yield return scope;
                }
            }
        }
    }

    /// <summary>This scope and the templates it is nested in, up to the root.</summary>
    public IEnumerable<ArmScope> SelfAndAncestors()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            yield return scope;
        }
    }

    /// <summary>Whether every deployment from the root down to this scope is deployed without a condition.</summary>
    public bool IsUnconditional => Deployment?["condition"] is null && (Parent?.IsUnconditional ?? true);

    /// <summary>
    /// Follows a value that is only a parameter reference, <c>[parameters('x')]</c>, out through the deployments that
    /// pass it, to the first value that is something else, and the scope that value is written in.
    /// </summary>
    public (JsonNode? Value, ArmScope Scope) Trace(JsonNode? value)
    {
        var scope = this;
        while (value is JsonValue text && text.TryGetValue<string>(out var expression)
            && ParameterReference().Match(expression) is { Success: true } match)
        {
            var name = match.Groups["name"].Value;
            if (scope.Deployment is null)
            {
                return (value, scope);
            }

            var passed = scope.Deployment["properties"]?["parameters"]?[name];
            value = passed is JsonObject { } wrapper && wrapper.ContainsKey("value") ? wrapper["value"] : passed;
            scope = scope.Parent!;
        }

        return (value, scope);
    }

    /// <summary>The definition of the root parameter a value refers to, if it is, after <see cref="Trace"/>, one.</summary>
    public JsonObject? RootParameter(JsonNode? value)
    {
        var (traced, scope) = Trace(value);
        return scope.Deployment is null && traced is JsonValue text && text.TryGetValue<string>(out var expression)
            && ParameterReference().Match(expression) is { Success: true } match
            ? scope.Template["parameters"]?[match.Groups["name"].Value] as JsonObject
            : null;
    }

    /// <summary>A value with <c>[variables('x')]</c> replaced by that variable's value, once, in this template.</summary>
    public JsonNode? Resolve(JsonNode? value) =>
        value is JsonValue text && text.TryGetValue<string>(out var expression)
            && VariableReference().Match(expression) is { Success: true } match
            ? Template["variables"]?[match.Groups["name"].Value]
            : value;

    /// <summary>An expression's text with every string variable of this template written in place.</summary>
    public string Inline(string expression) => AnyVariableReference().Replace(expression, match =>
        Template["variables"]?[match.Groups["name"].Value] is JsonValue value && value.TryGetValue<string>(out var text)
            ? $"'{text}'"
            : match.Value);

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex AnyVariableReference();
}
