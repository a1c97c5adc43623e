namespace PlanFunctions.Client.Entities;

/// <summary>
/// An entity's id, as Durable Task's <c>EntityInstanceId</c>: its name, which is case-insensitive and kept in lower
/// case as Durable Functions stores it, and its key.
/// </summary>
public sealed record EntityInstanceId
{
    /// <summary>An entity id from a name in any case and a key.</summary>
    public EntityInstanceId(string name, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(key);
        Name = name.ToLowerInvariant();
        Key = key;
    }

    /// <summary>The entity's name, in lower case.</summary>
    public string Name { get; }

    /// <summary>The entity's key.</summary>
    public string Key { get; }

    /// <summary>Durable Task's form of the id, <c>@name@key</c>.</summary>
    public override string ToString() => $"@{Name}@{Key}";
}
