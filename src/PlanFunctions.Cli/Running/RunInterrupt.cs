using System.Runtime.InteropServices;

namespace PlanFunctions.Cli.Running;

/// <summary>
/// Ctrl+C (SIGINT) during a run: the first asks the run to cancel and wind down, a second one stops the process
/// at once, as the signal does by default.
/// </summary>
internal sealed class RunInterrupt : IDisposable
{
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action? _beforeStoppingAtOnce;
    private readonly PosixSignalRegistration _registration;
    private int _count;

    private RunInterrupt(Action? beforeStoppingAtOnce)
    {
        _beforeStoppingAtOnce = beforeStoppingAtOnce;
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Completes at the first Ctrl+C.</summary>
    public Task Requested => _requested.Task;

    /// <summary>Whether Ctrl+C has been pressed.</summary>
    public bool IsRequested => _requested.Task.IsCompleted;

    /// <summary>Starts listening; <paramref name="beforeStoppingAtOnce"/> tidies up (the terminal) before a second Ctrl+C ends the process.</summary>
    public static RunInterrupt Listen(Action? beforeStoppingAtOnce = null) => new(beforeStoppingAtOnce);

    public void Dispose() => _registration.Dispose();

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _count) == 1)
        {
            context.Cancel = true;
            _requested.TrySetResult();
            return;
        }

        _beforeStoppingAtOnce?.Invoke();
        context.Cancel = false;
    }
}
