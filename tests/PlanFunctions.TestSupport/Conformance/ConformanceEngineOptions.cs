namespace PlanFunctions.TestSupport.Conformance;

/// <summary>What an engine under the conformance contract must be started with.</summary>
public sealed record ConformanceEngineOptions
{
    /// <summary>The largest step output in bytes (<c>PlanLimits.MaxStepOutputBytes</c>); the contract's plans exceed it on purpose.</summary>
    public int MaxStepOutputBytes { get; init; } = 4096;

    /// <summary>The tools the engine must offer: the built-in ones the contract's plans use.</summary>
    public IReadOnlyList<string> Tools { get; init; } = ["echo", "delay", "fail", "waitForEvent"];
}
