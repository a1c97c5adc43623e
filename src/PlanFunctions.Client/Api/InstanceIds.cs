namespace PlanFunctions.Client.Api;

/// <summary>What a chosen instance id may be: what Azure Table keys and URLs can carry.</summary>
public static class InstanceIds
{
    /// <summary>The longest instance id.</summary>
    public const int MaxLength = 256;

    /// <summary>Why the id cannot be used, or <see langword="null"/> when it can.</summary>
    public static string? Problem(string instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            return "the instance id must not be empty";
        }

        if (instanceId.Length > MaxLength)
        {
            return $"the instance id must be at most {MaxLength} characters; it is {instanceId.Length}";
        }

        var bad = instanceId.IndexOfAny(['/', '\\', '#', '?']);
        if (bad >= 0)
        {
            return $"the instance id must not contain '{instanceId[bad]}' (at position {bad})";
        }

        for (var i = 0; i < instanceId.Length; i++)
        {
            if (char.IsControl(instanceId[i]))
            {
                return $"the instance id must not contain control characters (at position {i})";
            }
        }

        return null;
    }
}
