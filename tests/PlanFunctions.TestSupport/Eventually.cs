using Xunit;

namespace PlanFunctions.TestSupport;

/// <summary>
/// Waits for a condition with a deadline, polling at growing pauses (10 ms up to 200 ms): the one way tests wait,
/// never a fixed sleep as synchronisation. At the deadline the test fails saying what did not happen.
/// </summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds; fails with "<paramref name="because"/> within N s" at the deadline.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        TrueAsync(condition, timeout, () => because);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with "<paramref name="because"/> within N s" at the deadline.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, () => because);

    /// <summary>Waits until <paramref name="condition"/> holds; at the deadline fails with the message <paramref name="because"/> gives then.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);

    /// <summary>Waits until <paramref name="attempt"/> returns something, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> attempt, TimeSpan timeout, string because)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(attempt);
        T? result = null;
        await TrueAsync(async () => (result = await attempt()) is not null, timeout, () => because);
        return result!;
    }

    private static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(because);
        var deadline = DateTime.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{because()} within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }
}
