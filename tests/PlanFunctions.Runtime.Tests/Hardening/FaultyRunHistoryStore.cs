using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>A history store that fails as <paramref name="fault"/> says while it is on, and otherwise passes every call on.</summary>
internal sealed class FaultyRunHistoryStore(IRunHistoryStore inner, StorageFault fault) : IRunHistoryStore
{
    public async Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        fault.BeforeCall(isWrite: false);
        return await inner.ReadAsync(instanceId, cancellationToken);
    }

    public async Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        fault.BeforeCall(isWrite: true);
        await inner.AppendAsync(instanceId, expectedCount, events, cancellationToken);
        fault.AfterWrite();
    }

    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        fault.BeforeCall(isWrite: true);
        var deleted = await inner.DeleteAsync(instanceId, cancellationToken);
        fault.AfterWrite();
        return deleted;
    }
}
