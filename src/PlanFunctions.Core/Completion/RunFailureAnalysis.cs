using System.Globalization;
using System.Text;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Completion;

/// <summary>
/// The deterministic analysis of why a run failed: the steps that failed with their errors, the steps that did not
/// run because of them (they depend on a failed step, or a failed step stopped the run), and anything else that
/// did not complete. The same request always gives the same text.
/// </summary>
public static class RunFailureAnalysis
{
    /// <summary>Whether the run failed: it ended <see cref="RuntimeStatus.Failed"/>, or some step of it failed.</summary>
    public static bool IsFailure(RunResponseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.RuntimeStatus == RuntimeStatus.Failed || request.Steps.Values.Any(s => s.Status == StepStatus.Failed);
    }

    /// <summary>Writes the analysis; for a run that did not fail, a sentence saying so.</summary>
    public static string Describe(RunResponseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsFailure(request))
        {
            return $"Nothing failed: the run ended {request.RuntimeStatus}.";
        }

        var text = new StringBuilder();

        text.Append(CultureInfo.InvariantCulture, $"Why the run failed (it ended {request.RuntimeStatus})");
        text.Append(request.Error is { Length: > 0 } error ? $": {error.TrimEnd('.')}." : ".");

        var steps = request.Plan.Steps;
        var failed = steps.Where(s => StatusOf(request, s) == StepStatus.Failed).ToList();
        if (failed.Count == 0)
        {
            text.Append("\nNo step failed.");
        }
        else
        {
            text.Append("\nFailed steps:");
            foreach (var step in failed)
            {
                var outcome = request.Steps[step.Id];
                var attempts = outcome.Attempts == 1 ? "1 attempt" : $"{outcome.Attempts.ToString(CultureInfo.InvariantCulture)} attempts";
                text.Append(CultureInfo.InvariantCulture, $"\n- '{step.Id}' ({step.Tool}) after {attempts}: {outcome.Error ?? "no error was recorded"}");
                if (step.EffectiveStopOnFailure(request.Plan.Defaults))
                {
                    text.Append("; it has stopOnFailure, so the run stopped");
                }
            }
        }

        var stoppers = failed.Where(s => s.EffectiveStopOnFailure(request.Plan.Defaults)).Select(s => s.Id).ToList();
        var becauseOfFailures = new List<string>();
        var others = new List<string>();
        foreach (var step in steps)
        {
            if (StatusOf(request, step) is not { } status
                || status is not (StepStatus.Skipped or StepStatus.Cancelled or StepStatus.Pending or StepStatus.Running or StepStatus.WaitingToRetry))
            {
                continue;
            }

            var word = status.ToString().ToLowerInvariant();
            var reason = request.Steps.TryGetValue(step.Id, out var outcome) && outcome.Error is { Length: > 0 } stepError ? $": {stepError}" : string.Empty;
            var upstream = failed.Where(f => DependsOn(request.Plan, step, f.Id)).Select(f => $"'{f.Id}'").ToList();
            if (upstream.Count > 0)
            {
                becauseOfFailures.Add($"\n- '{step.Id}' ({word}; it depends on {string.Join(" and ", upstream)}){reason}");
            }
            else if (status != StepStatus.Skipped && stoppers.Count > 0)
            {
                becauseOfFailures.Add($"\n- '{step.Id}' ({word}; the run stopped when '{stoppers[0]}' failed){reason}");
            }
            else
            {
                others.Add($"\n- '{step.Id}' ({word}){reason}");
            }
        }

        if (becauseOfFailures.Count > 0)
        {
            text.Append("\nSteps that did not run to the end because of them:");
            becauseOfFailures.ForEach(line => text.Append(line));
        }

        if (others.Count > 0)
        {
            text.Append("\nOther steps that did not run to the end:");
            others.ForEach(line => text.Append(line));
        }

        return text.ToString();
    }

    private static StepStatus? StatusOf(RunResponseRequest request, PlanStep step) =>
        request.Steps.TryGetValue(step.Id, out var outcome) ? outcome.Status : null;

    /// <summary>Whether <paramref name="step"/> depends on <paramref name="upstreamId"/>, directly or through other steps.</summary>
    private static bool DependsOn(Plan plan, PlanStep step, string upstreamId)
    {
        var byId = plan.Steps.DistinctBy(s => s.Id, StringComparer.Ordinal).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(step.DependsOn);
        while (pending.TryPop(out var id))
        {
            if (id == upstreamId)
            {
                return true;
            }

            if (seen.Add(id) && byId.TryGetValue(id, out var dependency))
            {
                foreach (var next in dependency.DependsOn)
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }
}
