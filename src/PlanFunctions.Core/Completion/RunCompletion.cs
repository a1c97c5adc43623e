using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Core.Completion;

/// <summary>
/// How a run is completed, for every engine: the request its final response is written from, the response written
/// without a model (the fallback when the model fails, and what a run ended without one shows), and the event that
/// records the end.
/// </summary>
public static class RunCompletion
{
    /// <summary>The request for the final response of a run that <paramref name="completion"/> (a decision's command) ends.</summary>
    public static RunResponseRequest RequestFor(PlanRun run, CompleteRun completion)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(completion);
        return new RunResponseRequest(run.Plan, completion.RuntimeStatus, StepsOf(run), completion.Error, run.PlainResponse());
    }

    /// <summary>The request for the final response of a run that has ended (however it ended).</summary>
    /// <exception cref="InvalidOperationException">The run has not ended.</exception>
    public static RunResponseRequest RequestFor(PlanRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.IsEnded)
        {
            throw new InvalidOperationException($"Run '{run.InstanceId}' has not ended; its completion is requested by its CompleteRun command.");
        }

        return new RunResponseRequest(run.Plan, run.RuntimeStatus, StepsOf(run), run.Error, run.PlainResponse());
    }

    /// <summary>
    /// The final response written without a model: the plain response, followed for a failed run (see
    /// <see cref="RunFailureAnalysis.IsFailure"/>) by the deterministic analysis of why it failed.
    /// </summary>
    public static string FallbackResponse(RunResponseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunFailureAnalysis.IsFailure(request)
            ? request.PlainResponse + "\n\n" + RunFailureAnalysis.Describe(request)
            : request.PlainResponse;
    }

    /// <summary>The event that ends the run as <paramref name="completion"/> says, with its final response.</summary>
    public static RunCompleted Completed(CompleteRun completion, string response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return new RunCompleted { Timestamp = now, RuntimeStatus = completion.RuntimeStatus, Error = completion.Error, Response = response };
    }

    private static Dictionary<string, StepOutcome> StepsOf(PlanRun run) =>
        run.Plan.Steps.ToDictionary(s => s.Id, s => run.GetStep(s.Id), StringComparer.Ordinal);
}
