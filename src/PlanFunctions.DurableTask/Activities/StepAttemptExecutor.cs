using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Diagnostics;
using PlanFunctions.Core.Results;
using PlanFunctions.DurableTask.Hosting;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Registry;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>
/// Runs one attempt of a step: finds its tool, runs it with the attempt's deadline enforced here (so that no
/// activity outlives its step), and classifies the outcome. The body of the <c>ExecuteStep</c> activity.
/// </summary>
/// <remarks>
/// Self-contained until the shared tool runner of Tools/Core lands; the integrator switches this to it.
/// </remarks>
public sealed partial class StepAttemptExecutor(
    ToolRegistry tools,
    IOptions<DurableTaskEngineOptions> options,
    TimeProvider time,
    ILogger<StepAttemptExecutor> logger)
{
    /// <summary>Runs the attempt; never throws for a tool's failure, only for the host's cancellation.</summary>
    public async Task<StepAttemptResult> ExecuteAsync(StepAttemptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!tools.TryGetTool(request.Tool, out var tool))
        {
            return Failed($"no tool '{request.Tool}' is registered on this host", retryable: false);
        }

        var untilDeadline = request.Deadline - time.GetUtcNow();
        if (untilDeadline <= TimeSpan.Zero)
        {
            return TimedOut(request);
        }

        using var deadline = new CancellationTokenSource(untilDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var invocation = new ToolInvocation(request.InstanceId, request.StepId, request.Attempt, request.Parameters, request.Deadline);
        var execution = Task.Run(() => tool.ExecuteAsync(invocation, linked.Token), CancellationToken.None);

        // A tool that ignores its token is abandoned a grace period after the deadline: the activity still ends.
        var grace = options.Value.CancellationGracePeriod;
        var abandon = Task.Delay(untilDeadline + grace, time, cancellationToken);
        var first = await Task.WhenAny(execution, abandon);
        if (first != execution)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = execution.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            LogAbandoned(logger, request.InstanceId, request.StepId, request.Attempt);
            return TimedOut(request);
        }

        try
        {
            var result = await execution;
            if (result is null)
            {
                return Failed($"the tool '{request.Tool}' returned no result", retryable: false);
            }

            if (!result.Succeeded)
            {
                return deadline.IsCancellationRequested ? TimedOut(request) : Failed(result.Message ?? "the tool failed", result.Retryable);
            }

            var output = StepOutputParser.FromJson(result.Output, options.Value.MaxStepOutputBytes);
            return output.Succeeded
                ? new StepAttemptResult { Succeeded = true, Output = result.Output }
                : Failed(output.Error!, retryable: false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return TimedOut(request);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ToolException exception)
        {
            return Failed(exception.Message, exception.Retryable);
        }
        catch (Exception exception)
        {
            LogToolThrew(logger, exception, request.InstanceId, request.StepId, request.Attempt);
            return Failed($"{exception.GetType().Name}: {exception.Message}", retryable: true);
        }
    }

    private static StepAttemptResult Failed(string error, bool retryable) => new() { Succeeded = false, Error = error, Retryable = retryable };

    private static StepAttemptResult TimedOut(StepAttemptRequest request) => new()
    {
        Succeeded = false,
        Retryable = true,
        TimedOut = true,
        Error = string.Create(CultureInfo.InvariantCulture, $"attempt {request.Attempt} timed out at its deadline {request.Deadline:O}"),
    };

    [LoggerMessage(EventId = LogEventIds.DurableTask.StepToolThrew, Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool threw")]
    private static partial void LogToolThrew(ILogger logger, Exception exception, string instanceId, string stepId, int attempt);

    [LoggerMessage(EventId = LogEventIds.DurableTask.StepToolAbandoned, Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool ignored its cancellation and was abandoned")]
    private static partial void LogAbandoned(ILogger logger, string instanceId, string stepId, int attempt);
}
