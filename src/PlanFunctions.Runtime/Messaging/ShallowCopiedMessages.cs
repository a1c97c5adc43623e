using Orleans.Serialization.Cloning;
using Orleans.Serialization.Configuration;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Activities;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Messaging;

/// <summary>
/// The messages of a run's calls that Orleans may pass by reference between grains of one silo instead of copying
/// them (through a JSON round trip, since they are serialized with System.Text.Json). Each is an immutable record
/// (a run's plan included) that its sender builds for the one call and never changes afterwards; <see cref="ExecutionProgress"/> lives
/// in the pure core, which cannot carry Orleans' <c>[Immutable]</c>, hence copiers rather than attributes.
/// </summary>
internal static class ShallowCopiedMessages
{
    /// <summary>Registers the copiers that return their input.</summary>
    public static void Register(TypeManifestOptions manifest)
    {
        manifest.Copiers.Add(typeof(StepActivityRequestCopier));
        manifest.Copiers.Add(typeof(StepResultReportCopier));
        manifest.Copiers.Add(typeof(ExecutionProgressCopier));
        manifest.Copiers.Add(typeof(StartRunRequestCopier));
        manifest.Copiers.Add(typeof(RunEndedReportCopier));
        manifest.Copiers.Add(typeof(OrchestrationStatusCopier));
    }

    private sealed class StepActivityRequestCopier : ShallowCopier<StepActivityRequest>;

    private sealed class StepResultReportCopier : ShallowCopier<StepResultReport>;

    private sealed class ExecutionProgressCopier : ShallowCopier<ExecutionProgress>;

    private sealed class StartRunRequestCopier : ShallowCopier<StartRunRequest>;

    private sealed class RunEndedReportCopier : ShallowCopier<RunEndedReport>;

    private sealed class OrchestrationStatusCopier : ShallowCopier<OrchestrationStatus>;
}
