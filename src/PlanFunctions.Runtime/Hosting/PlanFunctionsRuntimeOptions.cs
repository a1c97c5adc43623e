using PlanFunctions.Client.Hosting;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>
/// The Orleans engine's settings, bound from <c>host.json</c>'s <c>extensions:durableTask</c> section (as Durable
/// Functions keeps its own) and overridable by environment variables: those both engines read
/// (<see cref="PlanEngineOptions"/>) and the Orleans engine's own.
/// </summary>
public sealed class PlanFunctionsRuntimeOptions : PlanEngineOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "extensions:durableTask";

    /// <summary>How often the reminder that keeps an unfinished run alive fires; it brings a run back after a crash. From 1 second to 1 day.</summary>
    public TimeSpan RunReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an orchestrator checks that the activities it waits for are still alive. From 100 ms to 1 hour.</summary>
    public TimeSpan ActivityCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
