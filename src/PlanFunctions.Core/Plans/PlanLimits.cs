namespace PlanFunctions.Core.Plans;

/// <summary>The limits a plan is held to at submit time; each has a safe default and can be set by the operator.</summary>
public sealed record PlanLimits
{
    /// <summary>The limits that apply when nothing else is configured.</summary>
    public static PlanLimits Default { get; } = new();

    /// <summary>The most steps one plan may have.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>The longest plan name, in characters.</summary>
    public int MaxNameLength { get; init; } = 200;

    /// <summary>The longest run deadline, in seconds (seven days).</summary>
    public double MaxRunTimeoutSeconds { get; init; } = 604_800;

    /// <summary>The longest attempt limit of one step, in seconds (seven days).</summary>
    public double MaxStepTimeoutSeconds { get; init; } = 604_800;

    /// <summary>The longest condition expression, in characters.</summary>
    public int MaxExpressionLength { get; init; } = 4_096;

    /// <summary>The longest single template string, in characters.</summary>
    public int MaxTemplateLength { get; init; } = 4_096;

    /// <summary>The deepest nesting of JSON objects and arrays in a plan document.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>The largest output one step may return, in bytes of UTF-8 JSON (256 KiB).</summary>
    public int MaxStepOutputBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// The most events one run's history may hold; a run that reaches it is stopped and fails, naming this setting
    /// (<see cref="Execution.PlanRun.HistoryLimitEvent"/>). A few events past it record the stop itself.
    /// </summary>
    public int MaxHistoryEvents { get; init; } = 200_000;

    /// <summary>The largest string a template may expand to, in characters.</summary>
    public int MaxTemplateExpansionChars { get; init; } = 1024 * 1024;
}
