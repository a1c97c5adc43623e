using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Plans;
using PlanFunctions.DurableTask.Hosting;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>
/// The <c>PreparePlan</c> activity: a bare plan handed to <c>RunPlan</c> (Durable Functions' own start route) read and
/// validated by Core with the host's settings, and given the host's defaults. An activity, not orchestrator code:
/// the tools registered and the settings may change between replays.
/// </summary>
public sealed class PreparePlanActivity(PlanValidationOptions validation, IOptions<DurableTaskEngineOptions> options) : TaskActivity<string, PreparedPlan>
{
    /// <inheritdoc />
    public override Task<PreparedPlan> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult(PreparedPlan.Prepare(input, validation, options.Value));
}
