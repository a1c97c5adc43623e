using System.Globalization;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>
/// Checks the durations of <see cref="PlanFunctionsRuntimeOptions"/> at start-up (the numbers are checked by their
/// data annotations): each within sane bounds, the message naming the key as <c>host.json</c> spells it.
/// </summary>
internal sealed class PlanFunctionsRuntimeOptionsValidator : IValidateOptions<PlanFunctionsRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, PlanFunctionsRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, "runReminderPeriod", options.RunReminderPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), zeroAllowed: false);
        Check(failures, "activityCheckInterval", options.ActivityCheckInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), zeroAllowed: false);
        failures.AddRange(options.DurationProblems(PlanFunctionsRuntimeOptions.SectionName));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, TimeSpan least, TimeSpan most, bool zeroAllowed)
    {
        if (value >= least && value <= most)
        {
            return;
        }

        var floor = zeroAllowed ? "from 00:00:00" : $"from {Show(least)}";
        failures.Add($"{PlanFunctionsRuntimeOptions.SectionName}:{key} must be a duration {floor} to {Show(most)}; it is {Show(value)}.");
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
