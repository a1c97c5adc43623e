using Microsoft.DurableTask.Entities;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.DurableTask.Entities;

/// <summary>
/// The <c>PlanMonitor</c> entity of one run (key: the instance id): the run's progress, Core's ExecutionProgress, as
/// the <c>RunPlan</c> orchestrator last signalled it.
/// </summary>
public sealed class PlanMonitorEntity : TaskEntity<ExecutionProgress?>
{
    /// <summary>Operation: the run's progress now.</summary>
    public void Update(ExecutionProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        State = progress;
    }

    /// <summary>Operation: the progress, or <see langword="null"/> before the first update.</summary>
    public ExecutionProgress? Get() => State;

    /// <summary>Operation: forget the run (its purge).</summary>
    public void Delete() => State = null;

    /// <inheritdoc />
    protected override ExecutionProgress? InitializeState(TaskEntityOperation entityOperation) => null;
}
