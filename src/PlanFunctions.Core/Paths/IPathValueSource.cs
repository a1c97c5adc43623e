using System.Text.Json;

namespace PlanFunctions.Core.Paths;

/// <summary>Resolves a <see cref="DataPath"/> to a value of the run: what templates and conditions read.</summary>
public interface IPathValueSource
{
    /// <summary>Finds the value a path names; <see langword="false"/> when it does not exist.</summary>
    bool TryResolve(DataPath path, out JsonElement value);
}
