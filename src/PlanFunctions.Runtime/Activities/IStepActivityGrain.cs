using Orleans.Concurrency;

namespace PlanFunctions.Runtime.Activities;

/// <summary>
/// One attempt of one step (Durable Functions' activity function), keyed by instance id, step id and attempt.
/// Holds nothing durable: it runs the tool with a cancellation token and reports back to the orchestrator.
/// </summary>
[Alias("PlanFunctions.StepActivity")]
public interface IStepActivityGrain : IGrainWithStringKey
{
    /// <summary>Starts the attempt and returns at once; the result is reported to the orchestrator when it comes.</summary>
    [Alias("Start")]
    Task StartAsync(StepActivityRequest request);

    /// <summary>Cancels the attempt's token; a result that still comes is not reported.</summary>
    [AlwaysInterleave]
    [Alias("Cancel")]
    Task CancelAsync(string reason);

    /// <summary>Where the attempt stands here; <see cref="StepActivityState.Unknown"/> on an activation that never started it (its host died).</summary>
    [AlwaysInterleave]
    [Alias("GetState")]
    Task<StepActivityState> GetStateAsync();
}
