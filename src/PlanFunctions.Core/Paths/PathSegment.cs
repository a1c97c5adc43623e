namespace PlanFunctions.Core.Paths;

/// <summary>One part of a <see cref="DataPath"/>: a property name, or an array index.</summary>
/// <param name="Name">The property name, or <see langword="null"/> for an index.</param>
/// <param name="Index">The 0-based array index, or <see langword="null"/> for a name.</param>
public readonly record struct PathSegment(string? Name, int? Index)
{
    /// <inheritdoc />
    public override string ToString() => Name ?? $"[{Index}]";
}
