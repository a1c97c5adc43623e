using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Instances;

/// <summary>The instance index: every run's id, name, status and times, to list runs and to purge them.</summary>
public interface IInstanceStore
{
    /// <summary>Adds or replaces a run's record.</summary>
    Task UpsertAsync(InstanceRecord record, CancellationToken cancellationToken = default);

    /// <summary>A run's record, or <see langword="null"/>.</summary>
    Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>One page of the runs that match, ordered by instance id.</summary>
    Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Removes a run's record; <see langword="false"/> when there was none.</summary>
    Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default);
}
