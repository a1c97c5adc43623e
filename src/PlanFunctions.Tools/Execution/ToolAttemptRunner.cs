using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;
using PlanFunctions.Core.Results;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Registry;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Tools.Execution;

/// <summary>
/// Runs one attempt of a step with its tool, for every engine: under the attempt's deadline, with a grace period for a
/// tool that ignores its cancellation (then abandoned), and classifies how it came out as a <see cref="StepAttemptResult"/>
/// (Core's texts and retry rules). Never throws for what the tool does. Every attempt is a span under the run's trace
/// context and a <see cref="PlanFunctionsTelemetry.StepDuration"/> measurement, here once for both engines.
/// </summary>
public sealed partial class ToolAttemptRunner(ToolRegistry tools, ToolAttemptSettings settings, TimeProvider time, ILogger<ToolAttemptRunner> logger)
{
    /// <summary>
    /// Runs the attempt. Returns <see langword="null"/> when <paramref name="cancellationToken"/> (the engine cancelling
    /// the attempt: the run stopped, or the attempt no longer matters) ended it: no result is reported then.
    /// </summary>
    public async Task<StepAttemptResult?> RunAsync(ToolAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        using var span = RunTrace.StartAttempt(attempt.TraceParent, attempt.InstanceId, attempt.StepId, attempt.Tool, attempt.Attempt);
        var started = time.GetTimestamp();
        var result = await RunToolAsync(attempt, cancellationToken).ConfigureAwait(false);
        PlanFunctionsTelemetry.StepDuration.Record(
            time.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("tool", attempt.Tool),
            new KeyValuePair<string, object?>("succeeded", result?.Succeeded ?? false));
        span?.SetStatus(result?.Succeeded == true ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result?.Error);
        return result;
    }

    private async Task<StepAttemptResult?> RunToolAsync(ToolAttempt attempt, CancellationToken cancellationToken)
    {
        if (!tools.TryGetTool(attempt.Tool, out var tool))
        {
            return StepAttemptResult.UnknownTool(attempt.Tool);
        }

        var untilDeadline = attempt.Deadline - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var invocation = new ToolInvocation(attempt.InstanceId, attempt.StepId, attempt.Attempt, attempt.Parameters, attempt.Deadline);
            var execution = Task.Run(() => tool.ExecuteAsync(invocation, stop.Token), CancellationToken.None);

            // A tool that ignores its token is given a grace period past the deadline, or past its cancellation, then
            // abandoned: one timer, brought forward when the attempt is cancelled, and disposed with the attempt.
            var grace = settings.CancellationGracePeriod;
            var untilGiveUp = untilDeadline + grace;
            using var giveUp = new CancellationTokenSource(untilGiveUp > TimeSpan.Zero ? untilGiveUp : TimeSpan.Zero, time);
            using var onCancelled = cancellationToken.Register(() => giveUp.CancelAfter(grace));
            var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var onGiveUp = giveUp.Token.Register(() => abandoned.TrySetResult());
            var first = await Task.WhenAny(execution, abandoned.Task).ConfigureAwait(false);
            if (first != execution)
            {
                _ = execution.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                LogAbandoned(logger, attempt.InstanceId, attempt.StepId, attempt.Attempt);
                return cancellationToken.IsCancellationRequested ? null : StepAttemptResult.Abandoned(attempt.Tool, grace);
            }

            var result = await execution.ConfigureAwait(false);
            if (result is null)
            {
                return StepAttemptResult.NoResult(attempt.Tool);
            }

            // Checked where the tool ran, not only where the run is decided: an output too large or too deep to send is never sent.
            return result.Succeeded
                ? StepAttemptResult.Success(result.Output, settings.MaxStepOutputBytes)
                : StepAttemptResult.ToolFailed(result.Message, result.Retryable);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return cancellationToken.IsCancellationRequested ? null : StepAttemptResult.DeadlinePassed(attempt.Attempt, attempt.Deadline);
        }
        catch (ToolException exception)
        {
            return StepAttemptResult.ToolFailed(exception.Message, exception.Retryable);
        }
        catch (Exception exception)
        {
            var message = MessageOf(exception);
            if (message is not null)
            {
                LogToolThrew(logger, exception, attempt.InstanceId, attempt.StepId, attempt.Attempt);
            }
            else
            {
                // Its message cannot be read, so neither can the exception be logged as one.
                LogToolThrewUnreadable(logger, exception.GetType().FullName, attempt.InstanceId, attempt.StepId, attempt.Attempt);
            }

            return StepAttemptResult.Threw(exception.GetType().Name, message);
        }
    }

    private static string? MessageOf(Exception exception)
    {
        try
        {
            return exception.Message;
        }
        catch (Exception)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = LogEventIds.Tools.AttemptToolThrewUnreadable, Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool threw {ExceptionType}, whose message cannot be read")]
    private static partial void LogToolThrewUnreadable(ILogger logger, string? exceptionType, string instanceId, string stepId, int attempt);

    [LoggerMessage(EventId = LogEventIds.Tools.AttemptToolThrew, Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool threw")]
    private static partial void LogToolThrew(ILogger logger, Exception exception, string instanceId, string stepId, int attempt);

    [LoggerMessage(EventId = LogEventIds.Tools.AttemptAbandoned, Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool ignored its cancellation and was abandoned")]
    private static partial void LogAbandoned(ILogger logger, string instanceId, string stepId, int attempt);
}
