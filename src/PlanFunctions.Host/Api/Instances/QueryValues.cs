using System.Globalization;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Client;

namespace PlanFunctions.Host.Api.Instances;

/// <summary>Reads the query parameters of the instance endpoints, collecting every problem.</summary>
internal sealed class QueryValues(IQueryCollection query)
{
    public const int MaxTop = 1000;

    public List<ApiErrorDetail> Problems { get; } = [];

    public bool Boolean(string name, bool fallback)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Add(name, $"'{text}' is not true or false");
        return fallback;
    }

    public DateTimeOffset? Time(string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        Add(name, $"'{text}' is not a date and time (ISO 8601, e.g. 2025-01-31T08:00:00Z)");
        return null;
    }

    public int Integer(string name, int fallback, int minimum, int maximum)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        Add(name, $"'{text}' is not a whole number from {minimum} to {maximum}");
        return fallback;
    }

    public IReadOnlyCollection<RuntimeStatus> Statuses(string name)
    {
        var statuses = new HashSet<RuntimeStatus>();
        foreach (var part in query[name].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.TryParse<RuntimeStatus>(part, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(part, out _))
            {
                statuses.Add(status);
            }
            else
            {
                Add(name, $"'{part}' is not a runtime status; use {string.Join(", ", Enum.GetNames<RuntimeStatus>())}");
            }
        }

        return statuses;
    }

    /// <summary>The listing's filter from <c>runtimeStatus</c>, <c>createdTimeFrom</c>, <c>createdTimeTo</c>, <c>instanceIdPrefix</c>, <c>top</c>.</summary>
    public InstanceQuery InstanceQuery(string? continuationToken) => new()
    {
        RuntimeStatuses = Statuses("runtimeStatus"),
        CreatedTimeFrom = Time("createdTimeFrom"),
        CreatedTimeTo = Time("createdTimeTo"),
        InstanceIdPrefix = query["instanceIdPrefix"].ToString() is { Length: > 0 } prefix ? prefix : null,
        Top = Integer("top", 100, 1, MaxTop),
        ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
    };

    private void Add(string name, string message) =>
        Problems.Add(new ApiErrorDetail { Path = "query." + name, Property = name, Message = message });
}
