namespace PlanFunctions.Tools.Execution;

/// <summary>The host's settings for running attempts (<see cref="ToolAttemptRunner"/>).</summary>
/// <param name="CancellationGracePeriod">How long a tool that ignores its cancellation (or deadline) is given before it is abandoned.</param>
/// <param name="MaxStepOutputBytes">The largest output one step may return, in bytes of UTF-8 JSON.</param>
public sealed record ToolAttemptSettings(TimeSpan CancellationGracePeriod, int MaxStepOutputBytes);
