using Azure;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>The switch a test turns storage faults on and off with, and the count of faults injected.</summary>
internal sealed class StorageFault
{
    private int _injected;
    private volatile bool _on;

    public StorageFaultMode Mode { get; set; }

    public bool IsOn => _on;

    public int Injected => Volatile.Read(ref _injected);

    public void TurnOn(StorageFaultMode mode)
    {
        Mode = mode;
        _on = true;
    }

    public void TurnOff() => _on = false;

    /// <summary>Throws before the call reaches storage while the fault is on and refuses.</summary>
    public void BeforeCall(bool isWrite)
    {
        if (_on && (Mode == StorageFaultMode.Refuse || !isWrite))
        {
            throw Fault();
        }
    }

    /// <summary>Throws after a write reached storage while the fault is on and times out answers.</summary>
    public void AfterWrite()
    {
        if (_on && Mode == StorageFaultMode.TimeOutAfterWriting)
        {
            throw Fault();
        }
    }

    private Exception Fault()
    {
        Interlocked.Increment(ref _injected);
        return Mode == StorageFaultMode.Refuse
            ? new RequestFailedException(503, "The server is busy (injected).", "ServerBusy", null)
            : new TimeoutException("The storage request timed out (injected).");
    }
}
