using PlanFunctions.TestSupport.Scenarios;

namespace PlanFunctions.Runtime.Tests.Scenarios;

/// <summary>The Orleans engine runs every scenario to the expected document.</summary>
public sealed class OrleansEngineScenarioTests(OrleansScenarioEngine engine) : EngineScenarioTests<OrleansScenarioEngine>(engine);
