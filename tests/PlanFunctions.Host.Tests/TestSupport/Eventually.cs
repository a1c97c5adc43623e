namespace PlanFunctions.Host.Tests.TestSupport;

/// <summary>Waits for a condition with a deadline: no fixed sleeps as synchronisation.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> attempt, TimeSpan timeout, string because)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{because} within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }
}
