namespace PlanFunctions.Core.Tests.Properties;

/// <summary>The operations a client can send to a run while it runs.</summary>
internal enum ControlKind
{
    RaiseEvent,
    Suspend,
    Resume,
    ExtendTimeout,
    Cancel,
    Terminate,
}
