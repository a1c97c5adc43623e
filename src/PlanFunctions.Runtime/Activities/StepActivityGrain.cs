using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;
using Microsoft.Extensions.Options;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Messaging;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Tools.Execution;

namespace PlanFunctions.Runtime.Activities;

/// <summary>
/// Runs one attempt of a step. The tool runs in the background of the activation, so that the orchestrator's
/// call returns at once and no Orleans call timeout limits a step; the result is delivered to the orchestrator
/// with an awaited call, tried again until it arrives or the attempt no longer matters.
/// </summary>
[GrainType("stepactivity")]
internal sealed partial class StepActivityGrain(
    ToolAttemptRunner runner,
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
        _cancellation = new CancellationTokenSource();

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
        LogRunning(logger, request.InstanceId, request.StepId, request.Attempt, request.Tool, RuntimeIdentity);

        // The runner writes the attempt's span (under the run's trace context) and its duration, as for the other engine.
        var attempt = new ToolAttempt(request.InstanceId, request.StepId, request.Attempt, request.Tool, request.Parameters, request.Deadline)
        {
            TraceParent = request.TraceParent,
        };
        var result = await runner.RunAsync(attempt, cancellationToken);

        if (result is not null && _cancelReason is null)
        {
            await DeliverAsync(request, StepResultReport.Of(request.StepId, request.Attempt, result));
        }

        _state = StepActivityState.Finished;
        _cancellation?.Dispose();
        _cancellation = null;
        DeactivateOnIdle();
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

    [LoggerMessage(EventId = LogEventIds.Runtime.ActivityRunning, Level = LogLevel.Debug, Message = "Run {InstanceId} step {StepId} attempt {Attempt} ({Tool}) runs on silo {Silo}")]
    private static partial void LogRunning(ILogger logger, string instanceId, string stepId, int attempt, string tool, string silo);

    [LoggerMessage(EventId = LogEventIds.Runtime.ActivityDeliveryRetry, Level = LogLevel.Warning, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: delivering the result failed; trying again")]
    private static partial void LogDeliveryRetry(ILogger logger, Exception exception, string instanceId, string stepId, int attempt);

    [LoggerMessage(EventId = LogEventIds.Runtime.ActivityDeliveryFailed, Level = LogLevel.Error, Message = "Run {InstanceId} step {StepId} attempt {Attempt}: the result could not be delivered")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string instanceId, string stepId, int attempt);
}
