using System.Globalization;
using System.Text.Json;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Tools.Parameters;

/// <summary>
/// Reads a built-in tool's parameters and collects every problem at once. At submit time templates are accepted
/// (their values are not known yet, so they read as absent); at run time a value is taken as it is.
/// </summary>
internal sealed class ParameterReader
{
    private readonly JsonElement _parameters;
    private readonly bool _acceptTemplates;
    private readonly List<(string Property, string Message)> _problems = [];

    public ParameterReader(JsonElement parameters, bool acceptTemplates)
    {
        _acceptTemplates = acceptTemplates;
        if (parameters.ValueKind == JsonValueKind.Object)
        {
            _parameters = parameters;
        }
        else if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            Problem(string.Empty, $"the parameters must be a JSON object, not {Describe(parameters.ValueKind)}");
        }
    }

    public IReadOnlyList<(string Property, string Message)> Problems => _problems;

    public bool HasProblems => _problems.Count > 0;

    public void Problem(string property, string message) => _problems.Add((property, message));

    /// <summary>Whether a value is a template that is not filled in yet (only at submit time).</summary>
    public bool IsTemplate(JsonElement value) => _acceptTemplates && ToolParameters.IsUnfilledTemplate(value);

    /// <summary>Reports every property that is not one of <paramref name="known"/>, which catches misspelt names.</summary>
    public void RejectUnknown(params string[] known)
    {
        if (_parameters.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in _parameters.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                Problem(property.Name, $"unknown parameter; this tool takes {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>The value of a property that is present and not null.</summary>
    public bool TryGetValue(string name, out JsonElement value)
    {
        if (_parameters.ValueKind == JsonValueKind.Object
            && _parameters.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>; <see langword="null"/> when absent, a template or wrong.</summary>
    public int? Integer(string name, bool required, int minimum)
    {
        if (!TryGetPresent(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Problem(name, $"must be a whole number of at least {minimum}, not {Describe(value.ValueKind)}");
            return null;
        }

        if (!value.TryGetInt32(out var number) || number < minimum)
        {
            Problem(name, $"must be a whole number from {minimum} to {int.MaxValue}, not {value.GetRawText()}");
            return null;
        }

        return number;
    }

    /// <summary>A finite number above 0 and at most <paramref name="maximum"/>; <see langword="null"/> when absent, a template or wrong.</summary>
    public double? PositiveNumber(string name, bool required, double maximum = double.MaxValue)
    {
        if (!TryGetPresent(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Problem(name, $"must be a number greater than 0, not {Describe(value.ValueKind)}");
            return null;
        }

        var number = value.GetDouble();
        if (!(number > 0 && number <= maximum))
        {
            var range = maximum < double.MaxValue
                ? $"greater than 0 and at most {maximum.ToString(CultureInfo.InvariantCulture)}"
                : "greater than 0";
            Problem(name, $"must be {range}, not {value.GetRawText()}");
            return null;
        }

        return number;
    }

    /// <summary>True or false; <see langword="null"/> when absent, a template or wrong.</summary>
    public bool? Boolean(string name)
    {
        if (!TryGetPresent(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(name, $"must be true or false, not {Describe(value.ValueKind)}");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>A string; <see langword="null"/> when absent, a template or wrong.</summary>
    public string? Text(string name, bool required, bool nonEmpty)
    {
        if (!TryGetPresent(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Problem(name, $"must be a string, not {Describe(value.ValueKind)}");
            return null;
        }

        var text = value.GetString()!;
        if (nonEmpty && string.IsNullOrWhiteSpace(text))
        {
            Problem(name, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>How a JSON kind is named in messages.</summary>
    public static string Describe(JsonValueKind kind) => JsonKinds.Describe(kind);

    /// <summary>Joins problems into one failure message for a run-time check.</summary>
    public string Summary(string toolName) =>
        $"the {toolName} tool's parameters are invalid: "
        + string.Join("; ", _problems.Select(p => p.Property.Length == 0 ? p.Message : $"{p.Property}: {p.Message}"));

    private bool TryGetPresent(string name, bool required, out JsonElement value)
    {
        if (!TryGetValue(name, out value))
        {
            if (required)
            {
                Problem(name, "is required");
            }

            return false;
        }

        return !IsTemplate(value);
    }
}
