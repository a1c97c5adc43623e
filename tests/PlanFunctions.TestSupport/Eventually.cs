using Xunit;

namespace PlanFunctions.TestSupport;

/// <summary>Waits for a condition with a deadline: no fixed sleeps as synchronisation. Internal until the test projects share one copy.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds, failing the test with <paramref name="because"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{because} within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing the test with <paramref name="because"/> after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);
}
