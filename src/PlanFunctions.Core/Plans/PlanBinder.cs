using System.Text.Json;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// Binds a parsed plan document to the model by hand, so that every shape problem (unknown property, wrong
/// JSON type, missing required property) is collected with its path instead of stopping at the first one.
/// A value with a problem is left out (or replaced by an empty placeholder where the model requires one), so
/// that the plan can still be validated; the placeholders' own problems are then dropped as repeats.
/// </summary>
internal sealed class PlanBinder
{
    private static readonly string[] PlanProperties = ["name", "goal", "input", "timeoutSeconds", "defaults", "steps"];
    private static readonly string[] DefaultsProperties = ["retry", "timeoutSeconds", "stopOnFailure"];
    private static readonly string[] StepProperties =
        ["id", "name", "description", "tool", "parameters", "dependsOn", "condition", "retry", "timeoutSeconds", "stopOnFailure"];

    private static readonly string[] RetryProperties =
        ["maxNumberOfAttempts", "firstRetryIntervalSeconds", "backoffCoefficient", "maxRetryIntervalSeconds", "retryTimeoutSeconds"];

    private static readonly string[] AiConditionProperties = ["ai"];

    private readonly List<PlanProblem> _problems = [];

    /// <summary>Every shape problem found so far.</summary>
    public IReadOnlyList<PlanProblem> Problems => _problems;

    /// <summary>The plan, or <see langword="null"/> when the root is not an object or <c>steps</c> is unusable.</summary>
    public Plan? BindPlan(JsonElement root)
    {
        var here = ProblemLocation.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            _problems.Add(here.Problem($"a plan must be a JSON object, not {JsonKinds.Describe(root.ValueKind)}"));
            return null;
        }

        var properties = Collect(root, here, PlanProperties);
        var name = RequiredString(properties[0], here, "name");
        var goal = OptionalString(properties[1], here.Child("goal"));
        JsonElement? input = properties[2] is { ValueKind: not JsonValueKind.Null } inputValue ? inputValue.Clone() : null;
        var timeout = OptionalNumber(properties[3], here.Child("timeoutSeconds"));
        var defaults = BindDefaults(properties[4], here.Child("defaults"));
        var steps = BindSteps(properties[5], here.Child("steps"));
        if (steps is null)
        {
            return null;
        }

        return new Plan
        {
            Name = name ?? string.Empty,
            Goal = goal,
            Input = input,
            TimeoutSeconds = timeout,
            Defaults = defaults,
            Steps = steps,
        };
    }

    private static string Expected(string what, JsonElement value) => $"must be {what}, not {JsonKinds.Describe(value.ValueKind)}";

    /// <summary>
    /// The values of the known properties of an object, in the order of <paramref name="known"/>; reports
    /// unknown and repeated properties. A property that is not there is <see langword="null"/>.
    /// </summary>
    private JsonElement?[] Collect(JsonElement obj, ProblemLocation here, string[] known)
    {
        var values = new JsonElement?[known.Length];
        foreach (var property in obj.EnumerateObject())
        {
            var index = Array.IndexOf(known, property.Name);
            if (index < 0)
            {
                var suggestion = Array.Find(known, k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                var hint = suggestion is null
                    ? $"; known properties: {string.Join(", ", known)}"
                    : $"; did you mean '{suggestion}'?";
                _problems.Add(here.Child(property.Name).Problem($"unknown property '{property.Name}'{hint}"));
            }
            else if (values[index] is not null)
            {
                _problems.Add(here.Child(property.Name).Problem($"property '{property.Name}' appears more than once"));
            }
            else
            {
                values[index] = property.Value;
            }
        }

        return values;
    }

    private string? RequiredString(JsonElement? value, ProblemLocation parent, string name)
    {
        var here = parent.Child(name);
        if (value is null)
        {
            _problems.Add(here.Problem($"required property '{name}' is missing"));
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            _problems.Add(here.Problem(Expected("a string", value.Value)));
            return null;
        }

        return value.Value.GetString();
    }

    private string? OptionalString(JsonElement? value, ProblemLocation here)
    {
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return value.Value.GetString();
            default:
                _problems.Add(here.Problem(Expected("a string", value.Value)));
                return null;
        }
    }

    private double? OptionalNumber(JsonElement? value, ProblemLocation here)
    {
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.Value.TryGetDouble(out var number) && double.IsFinite(number):
                return number;
            case JsonValueKind.Number:
                _problems.Add(here.Problem($"{value.Value.GetRawText()} is not a finite number"));
                return null;
            default:
                _problems.Add(here.Problem(Expected("a number", value.Value)));
                return null;
        }
    }

    private bool? OptionalBoolean(JsonElement? value, ProblemLocation here)
    {
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                _problems.Add(here.Problem(Expected("true or false", value.Value)));
                return null;
        }
    }

    private JsonElement? OptionalObject(JsonElement? value, ProblemLocation here)
    {
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return value;
            default:
                _problems.Add(here.Problem(Expected("an object", value.Value)));
                return null;
        }
    }

    private PlanDefaults? BindDefaults(JsonElement? value, ProblemLocation here)
    {
        if (OptionalObject(value, here) is not { } obj)
        {
            return null;
        }

        var properties = Collect(obj, here, DefaultsProperties);
        return new PlanDefaults
        {
            Retry = BindRetry(properties[0], here.Child("retry")),
            TimeoutSeconds = OptionalNumber(properties[1], here.Child("timeoutSeconds")),
            StopOnFailure = OptionalBoolean(properties[2], here.Child("stopOnFailure")),
        };
    }

    private RetryPolicy? BindRetry(JsonElement? value, ProblemLocation here)
    {
        if (OptionalObject(value, here) is not { } obj)
        {
            return null;
        }

        var properties = Collect(obj, here, RetryProperties);
        var policy = RetryPolicy.Default;
        if (OptionalAttempts(properties[0], here.Child("maxNumberOfAttempts")) is { } attempts)
        {
            policy = policy with { MaxNumberOfAttempts = attempts };
        }

        if (OptionalNumber(properties[1], here.Child("firstRetryIntervalSeconds")) is { } first)
        {
            policy = policy with { FirstRetryIntervalSeconds = first };
        }

        if (OptionalNumber(properties[2], here.Child("backoffCoefficient")) is { } coefficient)
        {
            policy = policy with { BackoffCoefficient = coefficient };
        }

        if (OptionalNumber(properties[3], here.Child("maxRetryIntervalSeconds")) is { } maxInterval)
        {
            policy = policy with { MaxRetryIntervalSeconds = maxInterval };
        }

        return policy with { RetryTimeoutSeconds = OptionalNumber(properties[4], here.Child("retryTimeoutSeconds")) };
    }

    private int? OptionalAttempts(JsonElement? value, ProblemLocation here)
    {
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.Value.TryGetInt32(out var attempts):
                return attempts;
            case JsonValueKind.Number:
                _problems.Add(here.Problem(
                    $"must be a whole number from 1 to {PlanValidator.MaxAttempts}, not {value.Value.GetRawText()}"));
                return null;
            default:
                _problems.Add(here.Problem(Expected("a whole number", value.Value)));
                return null;
        }
    }

    private List<PlanStep>? BindSteps(JsonElement? value, ProblemLocation here)
    {
        if (value is null)
        {
            _problems.Add(here.Problem("required property 'steps' is missing"));
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add(here.Problem(Expected("an array of steps", value.Value)));
            return null;
        }

        var steps = new List<PlanStep>(value.Value.GetArrayLength());
        var index = 0;
        foreach (var item in value.Value.EnumerateArray())
        {
            steps.Add(BindStep(item, index++));
        }

        return steps;
    }

    private PlanStep BindStep(JsonElement value, int index)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add(ProblemLocation.ForStep(index, null).Problem(Expected("a step object", value)));
            return new PlanStep { Id = string.Empty, Tool = string.Empty };
        }

        var readableId = value.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String
            ? idValue.GetString()
            : null;
        var here = ProblemLocation.ForStep(index, readableId);
        var properties = Collect(value, here, StepProperties);
        return new PlanStep
        {
            Id = RequiredString(properties[0], here, "id") ?? string.Empty,
            Name = OptionalString(properties[1], here.Child("name")),
            Description = OptionalString(properties[2], here.Child("description")),
            Tool = RequiredString(properties[3], here, "tool") ?? string.Empty,
            Parameters = OptionalObject(properties[4], here.Child("parameters"))?.Clone(),
            DependsOn = BindDependsOn(properties[5], here.Child("dependsOn")),
            Condition = BindCondition(properties[6], here.Child("condition")),
            Retry = BindRetry(properties[7], here.Child("retry")),
            TimeoutSeconds = OptionalNumber(properties[8], here.Child("timeoutSeconds")),
            StopOnFailure = OptionalBoolean(properties[9], here.Child("stopOnFailure")),
        };
    }

    private string[] BindDependsOn(JsonElement? value, ProblemLocation here)
    {
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return [];
            case JsonValueKind.Array:
                var ids = new List<string>(value.Value.GetArrayLength());
                var index = 0;
                foreach (var item in value.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        ids.Add(item.GetString()!);
                    }
                    else
                    {
                        _problems.Add(here.Item(index).Problem(Expected("a step id (a string)", item)));
                    }

                    index++;
                }

                return [.. ids];
            default:
                _problems.Add(here.Problem(Expected("an array of step ids", value.Value)));
                return [];
        }
    }

    private StepCondition? BindCondition(JsonElement? value, ProblemLocation here)
    {
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return StepCondition.FromExpression(value.Value.GetString()!);
            case JsonValueKind.Object:
                var properties = Collect(value.Value, here, AiConditionProperties);
                return RequiredString(properties[0], here, "ai") is { } question ? StepCondition.FromAiQuestion(question) : null;
            default:
                _problems.Add(here.Problem(Expected("an expression (a string) or { \"ai\": \"question\" }", value.Value)));
                return null;
        }
    }
}
