namespace PlanFunctions.Core.Plans;

/// <summary>
/// Reads a plan document strictly: UTF-8 JSON, camelCase names, unknown properties rejected, wrong types and
/// missing required properties reported, all at once, each with its JSON path and step id; malformed JSON is
/// reported with its line and position.
/// </summary>
public static class PlanReader
{
    /// <summary>Reads a plan from UTF-8 JSON. Shape problems only; see <see cref="PlanValidator"/> for the rules.</summary>
    public static PlanReadResult Read(ReadOnlyMemory<byte> utf8Json, PlanLimits? limits = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>Reads a plan from JSON text.</summary>
    public static PlanReadResult Read(string json, PlanLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(System.Text.Encoding.UTF8.GetBytes(json), limits);
    }
}
