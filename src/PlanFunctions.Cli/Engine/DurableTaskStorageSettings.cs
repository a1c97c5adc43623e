using System.ComponentModel.DataAnnotations;

namespace PlanFunctions.Cli.Engine;

/// <summary>
/// The Durable Task Azure Storage backend's settings the command line reads, under Durable Functions' own names in
/// <c>host.json</c> (<c>extensions:durableTask:storageProvider</c>), so the Functions app's <c>host.json</c> works here.
/// </summary>
internal sealed class DurableTaskStorageSettings
{
    /// <summary>Where the settings are read from.</summary>
    public const string SectionName = "extensions:durableTask:storageProvider";

    /// <summary>The backend: only <c>AzureStorage</c> runs in the command line.</summary>
    [RegularExpression("^(?i:AzureStorage)$", ErrorMessage = "The field Type must be AzureStorage: the command line runs the Durable Task engine on the Azure Storage backend only.")]
    public string Type { get; set; } = "AzureStorage";

    /// <summary>The task hub's control queues (partitions).</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest wait between polls of an idle queue; shorter than Durable Functions' 30 s, so a run on the command line does not dawdle.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an orchestration message stays invisible once taken: after a crash, the run carries on after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an activity message stays invisible once taken: after a crash, the step in flight runs again after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
