using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Runtime.Storage;

/// <summary>Checks <see cref="AzureTableStorageOptions"/> and reports every problem at once.</summary>
public sealed class AzureTableStorageOptionsValidator : IValidateOptions<AzureTableStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AzureTableStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = FindProblems(options, name);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> listing every problem of <paramref name="options"/>.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="name">The name of the provider they configure, used in the messages.</param>
    public static void ThrowIfInvalid(AzureTableStorageOptions options, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = FindProblems(options, name);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(AzureTableStorageOptions), problems);
        }
    }

    private static List<string> FindProblems(AzureTableStorageOptions options, string? name)
    {
        var where = string.IsNullOrEmpty(name) ? "Azure Table storage" : $"Azure Table storage '{name}'";
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (options.TableServiceUri is null)
            {
                problems.Add($"{where}: ConnectionString is missing; set it or the '{AzureTableStorageOptions.ConnectionStringConfigurationKey}' configuration value (UseDevelopmentStorage=true for Azurite), or connect by identity with '{AzureTableStorageOptions.ConnectionStringConfigurationKey}:tableServiceUri' or ':accountName'.");
            }
        }
        else if (!IsUsableConnectionString(options.ConnectionString))
        {
            problems.Add($"{where}: ConnectionString is not a valid Azure Storage connection string.");
        }

        var hub = options.TaskHubName;
        if (string.IsNullOrEmpty(hub))
        {
            problems.Add($"{where}: TaskHubName is missing.");
        }
        else
        {
            if (!char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
            {
                problems.Add($"{where}: TaskHubName '{hub}' must be letters and digits only, starting with a letter (it prefixes table names).");
            }

            if (hub.Length > AzureTableNames.MaxTaskHubNameLength)
            {
                problems.Add($"{where}: TaskHubName '{hub}' has {hub.Length} characters; at most {AzureTableNames.MaxTaskHubNameLength} keep its table names within 63.");
            }
        }

        if (options.SerializerOptions is null)
        {
            problems.Add($"{where}: SerializerOptions is missing.");
        }

        return problems;
    }

    private static bool IsUsableConnectionString(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
