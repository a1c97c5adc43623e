namespace PlanFunctions.Runtime.Storage;

/// <summary>The tables PlanFunctions keeps in the storage account, each prefixed by the task hub name.</summary>
public static class AzureTableNames
{
    /// <summary>Suffix of the table that holds grain state.</summary>
    public const string GrainStateSuffix = "GrainState";

    /// <summary>Suffix of the table that holds reminders.</summary>
    public const string RemindersSuffix = "Reminders";

    /// <summary>Suffix of the table that holds run histories.</summary>
    public const string HistorySuffix = "History";

    /// <summary>Suffix of the table that holds the instance index.</summary>
    public const string InstancesSuffix = "Instances";

    /// <summary>Suffix of the table that holds cluster membership: which silos form each cluster.</summary>
    public const string MembershipSuffix = "Membership";

    /// <summary>The longest task hub name that still gives legal table names (at most 63 characters).</summary>
    public const int MaxTaskHubNameLength = 63 - 10; // 10: the longest suffixes, GrainState and Membership

    /// <summary>The grain state table of a task hub.</summary>
    /// <param name="taskHubName">The task hub name.</param>
    public static string GrainState(string taskHubName) => taskHubName + GrainStateSuffix;

    /// <summary>The reminder table of a task hub.</summary>
    /// <param name="taskHubName">The task hub name.</param>
    public static string Reminders(string taskHubName) => taskHubName + RemindersSuffix;

    /// <summary>The run history table of a task hub.</summary>
    /// <param name="taskHubName">The task hub name.</param>
    public static string History(string taskHubName) => taskHubName + HistorySuffix;

    /// <summary>The instance index table of a task hub.</summary>
    /// <param name="taskHubName">The task hub name.</param>
    public static string Instances(string taskHubName) => taskHubName + InstancesSuffix;

    /// <summary>The cluster membership table of a task hub.</summary>
    /// <param name="taskHubName">The task hub name.</param>
    public static string Membership(string taskHubName) => taskHubName + MembershipSuffix;
}
