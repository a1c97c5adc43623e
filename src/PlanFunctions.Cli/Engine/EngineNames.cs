namespace PlanFunctions.Cli.Engine;

/// <summary>The names <c>--engine</c> takes.</summary>
internal static class EngineNames
{
    /// <summary>The Orleans engine, the default.</summary>
    public const string Orleans = "orleans";

    /// <summary>The Durable Task engine of the Functions app.</summary>
    public const string DurableFunctions = "durable-functions";

    /// <summary>Every name, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [Orleans, DurableFunctions];

    /// <summary>The engine a name stands for.</summary>
    public static EngineKind Parse(string? name) =>
        string.Equals(name, DurableFunctions, StringComparison.OrdinalIgnoreCase) ? EngineKind.DurableFunctions : EngineKind.Orleans;

    /// <summary>The name of an engine.</summary>
    public static string Of(EngineKind kind) => kind == EngineKind.DurableFunctions ? DurableFunctions : Orleans;
}
