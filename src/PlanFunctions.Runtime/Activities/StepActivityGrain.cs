using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Results;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Messaging;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Runtime.Telemetry;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Registry;

namespace PlanFunctions.Runtime.Activities;

/// <summary>
/// Runs one attempt of a step. The tool runs in the background of the activation, so that the orchestrator's
/// call returns at once and no Orleans call timeout limits a step; the result is delivered to the orchestrator
/// with an awaited call, tried again until it arrives or the attempt no longer matters.
/// </summary>
[GrainType("stepactivity")]
internal sealed partial class StepActivityGrain(
    ToolRegistry tools,
    IOptions<PlanFunctionsRuntimeOptions> options,
    TimeProvider time,
    ILogger<StepActivityGrain> logger)
    : Grain, IStepActivityGrain
{
    private static readonly TimeSpan[] DeliveryBackoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];
    private static readonly TimeSpan DeliveryWindow = TimeSpan.FromMinutes(2);

    private StepActivityState _state = StepActivityState.Unknown;
    private CancellationTokenSource? _cancellation;
    private string? _cancelReason;

    public Task StartAsync(StepActivityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_state == StepActivityState.Running)
        {
            return Task.CompletedTask;
        }

        _state = StepActivityState.Running;
        _cancelReason = null;
        _cancellation?.Dispose();
        var untilDeadline = request.Deadline - time.GetUtcNow();
        _cancellation = new CancellationTokenSource(untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero, time);

        // Idle collection counts requests, not background work: keep the activation while the tool may run.
        DelayDeactivation((untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero) + options.Value.CancellationGracePeriod + TimeSpan.FromMinutes(1));
        _ = RunAsync(request, _cancellation.Token);
        return Task.CompletedTask;
    }

    public Task CancelAsync(string reason)
    {
        if (_state == StepActivityState.Running && _cancellation is { } cancellation)
        {
            _cancelReason = reason;
            cancellation.Cancel();
        }

        return Task.CompletedTask;
    }

    public Task<StepActivityState> GetStateAsync() => Task.FromResult(_state);

    private async Task RunAsync(StepActivityRequest request, CancellationToken cancellationToken)
    {
        using var span = RunTrace.StartAttempt(request.TraceParent, request.InstanceId, request.StepId, request.Tool, request.Attempt);
        var started = time.GetTimestamp();
        LogRunning(logger, request.InstanceId, request.StepId, request.Attempt, request.Tool, RuntimeIdentity);

        var report = await ExecuteToolAsync(request, cancellationToken);

        PlanFunctionsTelemetry.StepDuration.Record(
            time.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("tool", request.Tool),
            new KeyValuePair<string, object?>("succeeded", report?.Succeeded ?? false));
        span?.SetStatus(report?.Succeeded == true ? ActivityStatusCode.Ok : ActivityStatusCode.Error, report?.Error);

        if (report is not null && _cancelReason is null)
        {
            await DeliverAsync(request, report);
        }

        _state = StepActivityState.Finished;

        // Stops the deadline's timer now rather than at the deadline, minutes away for most steps.
        _cancellation?.Dispose();
        _cancellation = null;
        DeactivateOnIdle();
    }

    private async Task<StepResultReport?> ExecuteToolAsync(StepActivityRequest request, CancellationToken cancellationToken)
    {
        if (!tools.TryGetTool(request.Tool, out var tool))
        {
            return Failed(request, $"no tool '{request.Tool}' is registered on this host", retryable: false);
        }

        try
        {
            var invocation = new ToolInvocation(request.InstanceId, request.StepId, request.Attempt, request.Parameters, request.Deadline);
            var execution = Task.Run(() => tool.ExecuteAsync(invocation, cancellationToken), CancellationToken.None);

            // A tool that ignores its token is given a grace period past the deadline, or past its cancellation, then
            // abandoned: one timer, brought forward when the attempt is cancelled, and disposed with the attempt.
            var grace = options.Value.CancellationGracePeriod;
            var untilGiveUp = request.Deadline - time.GetUtcNow() + grace;
            using var giveUp = new CancellationTokenSource(untilGiveUp > TimeSpan.Zero ? untilGiveUp : TimeSpan.Zero, time);
            using var onCancelled = cancellationToken.Register(() => giveUp.CancelAfter(grace));
            var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var onGiveUp = giveUp.Token.Register(() => abandoned.TrySetResult());
            var first = await Task.WhenAny(execution, abandoned.Task);
            if (first != execution)
            {
                _ = execution.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                LogAbandoned(logger, request.InstanceId, request.StepId, request.Attempt);
                return Failed(request, $"the tool '{request.Tool}' did not stop within {grace.TotalSeconds:0.#} s of its cancellation", retryable: true);
            }

            var result = await execution;
            if (result is null)
            {
                return Failed(request, $"the tool '{request.Tool}' returned no result", retryable: false);
            }

            if (!result.Succeeded)
            {
                return Failed(request, result.Message ?? "the tool failed", result.Retryable);
            }

            // Checked here, not only by the orchestrator: an output too large or too deep to send is never sent.
            var output = StepOutputParser.FromJson(result.Output, options.Value.MaxStepOutputBytes);
            return output.Succeeded
                ? new StepResultReport { StepId = request.StepId, Attempt = request.Attempt, Succeeded = true, Output = result.Output }
                : Failed(request, output.Error!, retryable: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return _cancelReason is null
                ? Failed(request, $"attempt {request.Attempt} timed out at its deadline {request.Deadline:O}", retryable: true)
                : null;
        }
        catch (ToolException exception)
        {
            return Failed(request, exception.Message, exception.Retryable);
        }
        catch (Exception exception)
        {
            var message = MessageOf(exception);
            if (message is not null)
            {
                LogToolThrew(logger, exception, request.InstanceId, request.StepId, request.Attempt);
            }
            else
            {
                // Its message cannot be read, so neither can the exception be logged as one.
                LogToolThrewUnreadable(logger, exception.GetType().FullName, request.InstanceId, request.StepId, request.Attempt);
            }

            return Failed(request, $"{exception.GetType().Name}: {message ?? "(the exception's message could not be read)"}", retryable: true);
        }
    }

    private async Task DeliverAsync(StepActivityRequest request, StepResultReport report)
    {
        // While a failed host's share of the grain directory is recovered, calls to the orchestrator fail for a while:
        // keep trying for minutes, not seconds, since a result that is not delivered means running the step again.
        var orchestrator = GrainReferences.Get<IPlanOrchestratorGrain>(GrainFactory, request.InstanceId);
        var giveUpAt = time.GetUtcNow() + DeliveryWindow;
        DelayDeactivation(DeliveryWindow + TimeSpan.FromMinutes(1));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await orchestrator.ReportStepResultAsync(report);
                return;
            }
            catch (Exception exception) when (time.GetUtcNow() < giveUpAt)
            {
                LogDeliveryRetry(logger, exception, request.InstanceId, request.StepId, request.Attempt);
                await Task.Delay(DeliveryBackoff[Math.Min(attempt, DeliveryBackoff.Length - 1)], time);
            }
            catch (Exception exception)
            {
                // Given up: the orchestrator's liveness check finds this attempt unreported and runs it again.
                LogDeliveryFailed(logger, exception, request.InstanceId, request.StepId, request.Attempt);
                return;
            }
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

    private static StepResultReport Failed(StepActivityRequest request, string error, bool retryable) =>
        new() { StepId = request.StepId, Attempt = request.Attempt, Succeeded = false, Error = error, Retryable = retryable };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {InstanceId} step {StepId} attempt {Attempt} ({Tool}) runs on silo {Silo}")]
    private static partial void LogRunning(ILogger logger, string instanceId, string stepId, int attempt, string tool, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool threw {ExceptionType}, whose message cannot be read")]
    private static partial void LogToolThrewUnreadable(ILogger logger, string? exceptionType, string instanceId, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool threw")]
    private static partial void LogToolThrew(ILogger logger, Exception exception, string instanceId, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the tool ignored its cancellation and was abandoned")]
    private static partial void LogAbandoned(ILogger logger, string instanceId, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: delivering the result failed; trying again")]
    private static partial void LogDeliveryRetry(ILogger logger, Exception exception, string instanceId, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the result could not be delivered")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string instanceId, string stepId, int attempt);
}
