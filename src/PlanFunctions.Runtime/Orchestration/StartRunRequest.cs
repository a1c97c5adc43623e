using PlanFunctions.Core.Plans;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>What a run is started with.</summary>
/// <param name="Plan">The plan, already validated.</param>
public sealed record StartRunRequest(Plan Plan);
