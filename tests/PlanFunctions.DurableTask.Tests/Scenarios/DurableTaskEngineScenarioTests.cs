using PlanFunctions.TestSupport.Scenarios;

namespace PlanFunctions.DurableTask.Tests.Scenarios;

/// <summary>The Durable Task engine runs every scenario to the same expected document as the Orleans engine.</summary>
public sealed class DurableTaskEngineScenarioTests(DurableTaskScenarioEngine engine) : EngineScenarioTests<DurableTaskScenarioEngine>(engine);
