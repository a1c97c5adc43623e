using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

/// <summary>What the service shows for a run ended without a model, and what Core shows for it, are one text.</summary>
public sealed class PlainResponseAgreementTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_plain_assistant_writes_what_Core_shows_for_a_failed_run_recorded_without_a_response()
    {
        var plan = new Plan
        {
            Name = "Morning report",
            Steps = [new PlanStep { Id = "fetch", Tool = "http" }, new PlanStep { Id = "report", Tool = "echo", DependsOn = ["fetch"] }],
        };
        var run = PlanRun.FromHistory([new RunStarted { Timestamp = Start, InstanceId = "run", Plan = plan }]);
        run.Decide(Start);
        run.Apply(new StepFailed { Timestamp = Start, StepId = "fetch", Attempt = 1, Error = "HTTP 503", Retryable = false });
        var completion = run.Decide(Start).Commands.OfType<CompleteRun>().Single();

        var written = await new PlainRunAssistant().WriteResponseAsync(RunCompletion.RequestFor(run, completion), CancellationToken.None);
        run.Apply(new RunCompleted { Timestamp = Start, RuntimeStatus = completion.RuntimeStatus, Error = completion.Error });

        Assert.Equal(written, run.GetOutput()!.Response);
        Assert.Contains("Why the run failed", written, StringComparison.Ordinal);
    }
}
