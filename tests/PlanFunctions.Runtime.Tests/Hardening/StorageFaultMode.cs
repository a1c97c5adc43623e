namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>How storage misbehaves while a storage fault is on.</summary>
public enum StorageFaultMode
{
    /// <summary>Every call is refused, as Azure Tables does when it answers 503 Server Busy; nothing is written.</summary>
    Refuse,

    /// <summary>Writes land but the caller is told they timed out, as when the answer is lost on the way back; reads time out.</summary>
    TimeOutAfterWriting,
}
