using PlanFunctions.Runtime.Instances;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>An instance index that fails as <paramref name="fault"/> says while it is on, and otherwise passes every call on.</summary>
internal sealed class FaultyInstanceStore(IInstanceStore inner, StorageFault fault) : IInstanceStore
{
    public async Task UpsertAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        fault.BeforeCall(isWrite: true);
        await inner.UpsertAsync(record, cancellationToken);
        fault.AfterWrite();
    }

    public async Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        fault.BeforeCall(isWrite: false);
        return await inner.GetAsync(instanceId, cancellationToken);
    }

    public async Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        fault.BeforeCall(isWrite: false);
        return await inner.QueryAsync(query, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        fault.BeforeCall(isWrite: true);
        var deleted = await inner.DeleteAsync(instanceId, cancellationToken);
        fault.AfterWrite();
        return deleted;
    }
}
