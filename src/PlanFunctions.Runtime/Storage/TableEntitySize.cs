namespace PlanFunctions.Runtime.Storage;

/// <summary>An entity's size as Azure Table Storage counts it against its 1 MiB limit (the documented formula).</summary>
internal static class TableEntitySize
{
    /// <summary>The most bytes one entity holds, properties and keys together.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>The fixed overhead, the keys and the Timestamp every entity has.</summary>
    public static long Keys(string partitionKey, string rowKey) =>
        4 + ((partitionKey.Length + rowKey.Length) * 2L) + Property("Timestamp", 8);

    /// <summary>A property whose value takes <paramref name="valueBytes"/> bytes.</summary>
    public static long Property(string propertyName, long valueBytes) => 8 + (propertyName.Length * 2L) + valueBytes;

    /// <summary>A string property.</summary>
    public static long Text(string propertyName, string value) => Property(propertyName, 4 + (value.Length * 2L));
}
