using PlanFunctions.TestSupport.Conformance;

namespace PlanFunctions.DurableTask.Tests.Conformance;

/// <summary>
/// The Durable Task engine under the conformance contract, whole: its status document is the one Core builds from the
/// events its <c>RunJournal</c> entities hold.
/// </summary>
public sealed class DurableTaskEngineConformanceTests(DurableTaskConformanceEngine engine) : EngineConformanceTests<DurableTaskConformanceEngine>(engine);
