using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Hosting;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// When an orchestrator wakes up: a grain timer while it is active (the run's next due time, the next check of its
/// activities, a late monitor update), and a reminder always, so that a run outlives the host it started on.
/// </summary>
internal sealed class RunWakeUps(IGrainBase grain, PlanFunctionsRuntimeOptions options, TimeProvider time, Func<CancellationToken, Task> onTimer)
{
    private const string ReminderName = "keep-alive";

    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDue;
    private DateTimeOffset _nextActivityCheck;
    private IGrainReminder? _reminder;

    /// <summary>Whether the activities this run waits for are due to be checked.</summary>
    public bool IsActivityCheckDue => time.GetUtcNow() >= _nextActivityCheck;

    /// <summary>Notes that the activities were checked now.</summary>
    public void ActivitiesChecked() => _nextActivityCheck = time.GetUtcNow() + options.ActivityCheckInterval;

    /// <summary>Registers (or keeps) the reminder that brings the run back after a crash.</summary>
    public async Task KeepAliveAsync() =>
        _reminder = await grain.RegisterOrUpdateReminder(ReminderName, options.RunReminderPeriod, options.RunReminderPeriod);

    /// <summary>Removes the reminder; a failure is handed to <paramref name="failed"/> (a reminder left behind only wakes an ended run).</summary>
    public async Task StopReminderAsync(Action<Exception> failed)
    {
        try
        {
            // The handle kept from registering saves reading the reminder back; an activation that did not register it reads it.
            if ((_reminder ?? await grain.GetReminder(ReminderName)) is { } reminder)
            {
                _reminder = null;
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            failed(exception);
        }
    }

    /// <summary>The timer fired: it is gone.</summary>
    public void TimerFired() => StopTimer();

    /// <summary>Stops the timer (the run ended).</summary>
    public void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
        _timerDue = null;
    }

    /// <summary>Arms the timer for the earliest of the run's next wake-up, the next activity check and <paramref name="monitorDue"/>.</summary>
    public void Schedule(PlanRun run, DateTimeOffset? nextWakeUp, DateTimeOffset? monitorDue)
    {
        if (run.IsEnded)
        {
            return;
        }

        var due = nextWakeUp;
        if (run.Count(StepStatus.Running) > 0 && (due is null || _nextActivityCheck < due))
        {
            due = _nextActivityCheck;
        }

        // Progress the monitor has not been told is told by a wake-up (a decision) once the interval has passed.
        if (monitorDue is { } monitor && (due is null || monitor < due))
        {
            due = monitor;
        }

        // A timer already due earlier is kept: it wakes the run early, which decides nothing and re-arms it. In a chain the
        // wake-up moves later with every step, and re-registering the timer each time cost more than the early wake-up.
        if (due is null || (_timer is not null && _timerDue <= due))
        {
            return;
        }

        _timer?.Dispose();
        _timerDue = due;
        var delay = due.Value - time.GetUtcNow();
        _timer = grain.RegisterGrainTimer(onTimer, new GrainTimerCreationOptions
        {
            DueTime = delay < TimeSpan.Zero ? TimeSpan.Zero : delay,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }
}
