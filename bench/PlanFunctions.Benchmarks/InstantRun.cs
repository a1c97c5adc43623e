using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Benchmarks;

/// <summary>Drives a run to its end the way the orchestrator does, with every tool answering at once.</summary>
public static class InstantRun
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonElement Output = JsonDocument.Parse("""{ "i": 1 }""").RootElement.Clone();

    /// <summary>Runs the plan to its end and returns the number of events applied (the history's length).</summary>
    public static int Drive(Plan plan)
    {
        var run = new PlanRun();
        run.Apply(new RunStarted { Timestamp = Start, InstanceId = "bench", Plan = plan });
        var events = 1;
        while (!run.IsEnded)
        {
            var decision = run.Decide(Start);
            events += decision.Events.Count;
            foreach (var command in decision.Commands)
            {
                switch (command)
                {
                    case DispatchStep dispatch:
                        run.Apply(new StepSucceeded { Timestamp = Start, StepId = dispatch.StepId, Attempt = dispatch.Attempt, Output = Output });
                        events++;
                        break;
                    case CompleteRun complete:
                        run.Apply(new RunCompleted { Timestamp = Start, RuntimeStatus = complete.RuntimeStatus, Error = complete.Error });
                        events++;
                        break;
                }
            }
        }

        if (run.RuntimeStatus != RuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"the benchmark run ended {run.RuntimeStatus}: {run.Error}");
        }

        return events;
    }
}
