using PlanFunctions.TestSupport.Conformance;

namespace PlanFunctions.Runtime.Tests.Conformance;

/// <summary>The Orleans engine passes the conformance contract.</summary>
public sealed class OrleansEngineConformanceTests(OrleansConformanceEngine engine) : EngineConformanceTests<OrleansConformanceEngine>(engine);
