namespace PlanFunctions.Core.Status;

/// <summary>What a status document includes, as Durable Functions' status query parameters.</summary>
/// <param name="ShowHistory">Include the run's history events.</param>
/// <param name="ShowHistoryOutput">Include step outputs in the history events.</param>
/// <param name="ShowInput">Include the run's input (the plan).</param>
public sealed record StatusQuery(bool ShowHistory = false, bool ShowHistoryOutput = false, bool ShowInput = true);
