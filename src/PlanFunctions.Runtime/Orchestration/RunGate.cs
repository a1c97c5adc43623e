namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// Lets work that changes a run through one at a time. The grain's own turn-taking is not enough: step results and
/// status reads interleave, and a step result's decision runs in the background of the call that queued it.
/// </summary>
internal sealed class RunGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Runs <paramref name="work"/> once every earlier holder is done.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        await _semaphore.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            _semaphore.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> once every earlier holder is done.</summary>
    public Task RunAsync(Func<Task> work) => RunAsync(async () =>
    {
        await work();
        return true;
    });
}
