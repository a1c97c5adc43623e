namespace PlanFunctions.Core.Tests.Properties;

/// <summary>What a scripted tool does with one attempt, and after how long.</summary>
internal sealed record AttemptScript(AttemptKind Kind, int DurationMs)
{
    public override string ToString() => Kind == AttemptKind.Hang ? "hang" : $"{Kind}@{DurationMs}ms";
}
