using System.ComponentModel.DataAnnotations;

namespace PlanFunctions.DurableTask.AzureStorage;

/// <summary>Where and how the local runner runs the Durable Task engine: the Azure Storage account, the task hub, the polling.</summary>
public sealed class LocalDurableTaskOptions
{
    /// <summary>The storage account's connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The task hub's name: 3 to 45 letters or digits, starting with a letter.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The task hub name must start with a letter and have 3 to 45 letters or digits.")]
    public string TaskHubName { get; set; } = "PlanFunctions";

    /// <summary>The control queues (partitions) of the task hub.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest wait between polls of an idle queue (Durable Functions' default is 30 s).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dequeued message stays invisible: after a crash, work is picked up again after this.</summary>
    public TimeSpan QueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The same for the work-item (activity) queue, as Durable Functions' <c>workItemQueueVisibilityTimeout</c>;
    /// <see langword="null"/> takes <see cref="QueueVisibilityTimeout"/>.
    /// </summary>
    public TimeSpan? WorkItemQueueVisibilityTimeout { get; set; }

    /// <summary>Activities run at once by this process.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Checks the settings, naming every problem.</summary>
    /// <exception cref="ArgumentException">A setting is not valid.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        var problems = Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true)
            ? []
            : results.Select(r => r.ErrorMessage ?? "a setting is not valid").ToList();
        if (MaxQueuePollingInterval <= TimeSpan.Zero)
        {
            problems.Add("MaxQueuePollingInterval must be positive.");
        }

        if (QueueVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add("QueueVisibilityTimeout must be at least one second.");
        }

        if (WorkItemQueueVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add("WorkItemQueueVisibilityTimeout must be at least one second.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The local Durable Task runner's settings are not valid: " + string.Join(" ", problems));
        }
    }
}
