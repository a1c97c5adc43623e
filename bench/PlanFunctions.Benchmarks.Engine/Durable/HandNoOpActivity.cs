using Microsoft.DurableTask;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>The hand-written orchestrators' activity: returns its input.</summary>
internal sealed class HandNoOpActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}
