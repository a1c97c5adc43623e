namespace PlanFunctions.Benchmarks.Engine;

/// <summary>How big each measurement is: the sizes, or smaller ones for a quick look.</summary>
internal sealed record BenchSizes
{
    public static BenchSizes Full { get; } = new()
    {
        Name = "full",
        ChainSteps = 1_000,
        FanOutSteps = 1_000,
        ConcurrentRuns = 1_000,
        AzuriteChainSteps = 1_000,
        AzuriteFanOutSteps = 1_000,
        AzuriteConcurrentRuns = 1_000,
        StatusActiveRuns = 500,
        StatusSeconds = 10,
        RawWriteSeconds = 5,
        Repetitions = 3,
        FastRepetitions = 5,
        WarmUpSeconds = 25,
    };

    public static BenchSizes Quick { get; } = new()
    {
        Name = "quick",
        ChainSteps = 1_000,
        FanOutSteps = 1_000,
        ConcurrentRuns = 1_000,
        AzuriteChainSteps = 200,
        AzuriteFanOutSteps = 200,
        AzuriteConcurrentRuns = 100,
        StatusActiveRuns = 500,
        StatusSeconds = 4,
        RawWriteSeconds = 2,
        Repetitions = 1,
        FastRepetitions = 3,
        WarmUpSeconds = 15,
    };

    public required string Name { get; init; }

    /// <summary>Steps of the chain, in memory (also the overhead measurement and Hangfire's chain).</summary>
    public required int ChainSteps { get; init; }

    /// <summary>Steps of the fan-out and join, in memory and for the scale measurement.</summary>
    public required int FanOutSteps { get; init; }

    /// <summary>Concurrent runs of 5 steps, in memory and on Hangfire.</summary>
    public required int ConcurrentRuns { get; init; }

    public required int AzuriteChainSteps { get; init; }

    public required int AzuriteFanOutSteps { get; init; }

    public required int AzuriteConcurrentRuns { get; init; }

    /// <summary>Runs kept busy while the status query is timed.</summary>
    public required int StatusActiveRuns { get; init; }

    public required int StatusSeconds { get; init; }

    public required int RawWriteSeconds { get; init; }

    /// <summary>How often each timed workload is repeated; the median is kept.</summary>
    public required int Repetitions { get; init; }

    /// <summary>How often the short workloads (one chain, one fan-out) are repeated; the median is kept.</summary>
    public required int FastRepetitions { get; init; }

    /// <summary>How long each system runs its workloads before it is measured (the Azurite host half of it).</summary>
    public required int WarmUpSeconds { get; init; }

    public const int StepsPerSmallRun = 5;
}
