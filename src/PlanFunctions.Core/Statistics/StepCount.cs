namespace PlanFunctions.Core.Statistics;

/// <summary>One count for the engine's metrics, tagged with the step's tool (<see cref="RunStatistics.CountSteps"/>).</summary>
/// <param name="Metric">What to count.</param>
/// <param name="Tool">The tool of the step it counts.</param>
public readonly record struct StepCount(StepMetric Metric, string Tool);
