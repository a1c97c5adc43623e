using Microsoft.DurableTask;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>
/// The baseline: what a Durable Functions user writes by hand for the same shapes, a <c>CallActivityAsync</c> chain and
/// a fan-out and join with <c>Task.WhenAll</c>, over a trivial activity.
/// </summary>
internal static class HandWrittenOrchestrators
{
    public const string Chain = "HandChain";
    public const string FanOut = "HandFanOut";
    public const string Activity = "HandNoOp";

    /// <summary>Called when an orchestration ends, not replaying: the harness's in-process end signal.</summary>
    public static Action<string>? Ended { get; set; }

    public static ITaskOrchestrator? Create(string name) => name switch
    {
        Chain => new ChainOrchestrator(),
        FanOut => new FanOutOrchestrator(),
        _ => null,
    };

    private sealed class ChainOrchestrator : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var last = 0;
            for (var i = 0; i < input; i++)
            {
                last = await context.CallActivityAsync<int>(Activity, i);
            }

            End(context);
            return last;
        }
    }

    private sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            await context.CallActivityAsync<int>(Activity, 0);
            var parallel = await Task.WhenAll(Enumerable.Range(1, input - 2).Select(i => context.CallActivityAsync<int>(Activity, i)));
            var last = await context.CallActivityAsync<int>(Activity, parallel.Length);
            End(context);
            return last;
        }
    }

    private static void End(TaskOrchestrationContext context)
    {
        if (!context.IsReplaying)
        {
            Ended?.Invoke(context.InstanceId);
        }
    }
}
