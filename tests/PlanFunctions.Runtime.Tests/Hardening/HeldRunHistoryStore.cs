using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>A history store whose reads or appends, while held, wait until the test lets them go.</summary>
internal sealed class HeldRunHistoryStore(IRunHistoryStore inner) : IRunHistoryStore
{
    private readonly Gate _reads = new();
    private readonly Gate _appends = new();

    public Gate Reads => _reads;

    public Gate Appends => _appends;

    public async Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await _reads.PassAsync(cancellationToken);
        return await inner.ReadAsync(instanceId, cancellationToken);
    }

    public async Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        await _appends.PassAsync(cancellationToken);
        await inner.AppendAsync(instanceId, expectedCount, events, cancellationToken);
    }

    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) => inner.DeleteAsync(instanceId, cancellationToken);

    /// <summary>Calls pass while it is open; while held they wait, counted, until it is released.</summary>
    internal sealed class Gate
    {
        private volatile TaskCompletionSource? _hold;
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

        public async Task PassAsync(CancellationToken cancellationToken)
        {
            if (_hold is not { } hold)
            {
                return;
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                await hold.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }
}
