using System.Text;
using PlanFunctions.Core.Plans;
using PlanFunctions.DurableTask.Hosting;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>What <c>PreparePlan</c> answers: the run's input, or every problem of the plan.</summary>
public sealed record PreparedPlan
{
    /// <summary>The input to run the plan with; <see langword="null"/> when the plan has problems.</summary>
    public RunPlanInput? Input { get; init; }

    /// <summary>Every problem of the plan, each naming where it is; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Reads and validates <paramref name="planJson"/> as the starters do, and fills in the host's defaults.</summary>
    public static PreparedPlan Prepare(string planJson, PlanValidationOptions validation, DurableTaskEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(planJson);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        var read = PlanValidator.ReadAndValidate(Encoding.UTF8.GetBytes(planJson), validation);
        return read.Succeeded
            ? new PreparedPlan { Input = options.ToRunInput(read.Plan!, Guid.NewGuid().ToString("N"), startedAt: null) }
            : new PreparedPlan { Problems = [.. read.Problems.Select(p => p.ToString())] };
    }
}
