namespace PlanFunctions.Core.Tests.Properties;

/// <summary>
/// One control event sent at <see cref="AtSeconds"/> after the run started. <see cref="Value"/> is the
/// seconds added by ExtendTimeout, or the payload's <c>n</c> of a raised event (negative: a null payload).
/// </summary>
internal sealed record ControlAt(int AtSeconds, ControlKind Kind, string EventName, int Value)
{
    public override string ToString() => Kind switch
    {
        ControlKind.RaiseEvent => $"+{AtSeconds}s raise '{EventName}' {(Value < 0 ? "null" : $"{{\"n\":{Value}}}")}",
        ControlKind.ExtendTimeout => $"+{AtSeconds}s extendTimeout {Value}s",
        _ => $"+{AtSeconds}s {Kind}",
    };
}
