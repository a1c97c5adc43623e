namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>The status query's latency with one idle active run (the baseline) and with many busy runs, with and without the plan as input.</summary>
internal sealed record StatusResult(
    int ActiveRuns,
    int Callers,
    int StepsPerRun,
    Latencies Alone,
    Latencies Loaded,
    Latencies AloneWithoutInput,
    Latencies LoadedWithoutInput,
    double LoadedStepsPerSecond);
