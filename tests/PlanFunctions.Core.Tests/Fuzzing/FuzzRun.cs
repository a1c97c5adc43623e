using System.Diagnostics;
using System.Globalization;

namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>
/// Runs one fuzz target for a bounded time: seeded random inputs, each checked by the target, each call held to a
/// gross time budget so that a hang fails rather than stalls. <c>PLANFUNCTIONS_FUZZ_SECONDS</c> sets how long each
/// target runs, <c>PLANFUNCTIONS_FUZZ_SEED</c> replays a failing run.
/// </summary>
internal static class FuzzRun
{
    /// <summary>
    /// Far more than any call needs, even on a machine busy with other builds: only a hang or runaway (exponential)
    /// work takes this long. Not a speed check; speed is measured in bench/.
    /// </summary>
    public static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(30);

    private const string SecondsVariable = "PLANFUNCTIONS_FUZZ_SECONDS";
    private const string SeedVariable = "PLANFUNCTIONS_FUZZ_SEED";

    /// <summary>
    /// Generates inputs with <paramref name="generate"/> and checks each with <paramref name="check"/> (which throws
    /// when an invariant is broken) until the time is up; returns how many inputs were checked.
    /// </summary>
    public static int Run<T>(double defaultSeconds, Func<Random, T> generate, Action<T> check, Func<T, string> describe)
    {
        var seconds = Environment.GetEnvironmentVariable(SecondsVariable) is { Length: > 0 } text
            ? double.Parse(text, CultureInfo.InvariantCulture)
            : defaultSeconds;
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seedText
            ? int.Parse(seedText, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var random = new Random(seed);
        var replay = $"{SeedVariable}={seed}";

        var count = 0;
        T current = default!;
        Exception? failure = null;
        var worker = new Thread(
            () =>
            {
                var deadline = Stopwatch.StartNew();
                try
                {
                    while (deadline.Elapsed.TotalSeconds < seconds)
                    {
                        current = generate(random);
                        var call = Stopwatch.StartNew();
                        check(current);
                        if (call.Elapsed > CallBudget)
                        {
                            throw new InvalidOperationException($"one call took {call.Elapsed.TotalSeconds:0.0} s, past the budget of {CallBudget.TotalSeconds} s");
                        }

                        count++;
                    }
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            // A small stack, as a server thread has: deep input must not overflow it.
            maxStackSize: 1024 * 1024)
        {
            IsBackground = true,
            Name = "fuzz",
        };
        worker.Start();

        // The loop stops itself at its deadline; only a call that never returns keeps it past this.
        if (!worker.Join(TimeSpan.FromSeconds(seconds) + TimeSpan.FromSeconds(30)))
        {
            Assert.Fail($"hung after {count} inputs ({replay}) on: {Shorten(describe(current))}");
        }

        if (failure is not null)
        {
            Assert.Fail($"failed after {count} inputs ({replay}) on: {Shorten(describe(current))}\n{failure}");
        }

        return count;
    }

    /// <summary>Checks one input on its own, with the same budget, for the fixed adversarial cases.</summary>
    public static void Once(Action check)
    {
        var call = Stopwatch.StartNew();
        check();
        Assert.True(call.Elapsed < CallBudget, $"the call took {call.Elapsed.TotalSeconds:0.0} s, past the budget of {CallBudget.TotalSeconds} s");
    }

    private static string Shorten(string text) => text.Length <= 2_000 ? text : $"{text[..2_000]}... ({text.Length} characters)";
}
