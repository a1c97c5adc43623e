using PlanFunctions.Runtime.Storage;

namespace PlanFunctions.Runtime.Tests.Storage;

public sealed class AzureTableStorageOptionsTests
{
    private readonly AzureTableStorageOptionsValidator _validator = new();

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new AzureTableStorageOptions { ConnectionString = null, TaskHubName = "plan-hub" };

        var result = _validator.Validate("plans", options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("ConnectionString", StringComparison.Ordinal) && f.Contains("AzureWebJobsStorage", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("TaskHubName 'plan-hub'", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Contains("'plans'", f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1Hub")]
    [InlineData("Plan_Functions")]
    [InlineData("Plan Functions")]
    [InlineData("Plänfunctions")]
    [InlineData("A12345678901234567890123456789012345678901234567890123")]
    public void Task_hub_names_that_cannot_prefix_a_table_name_are_rejected(string taskHubName)
    {
        var options = new AzureTableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", TaskHubName = taskHubName };

        var result = _validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("TaskHubName", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PlanFunctions")]
    [InlineData("t0")]
    [InlineData("A1234567890123456789012345678901234567890123456789012")]
    public void Task_hub_names_of_letters_and_digits_starting_with_a_letter_are_accepted(string taskHubName)
    {
        var options = new AzureTableStorageOptions { ConnectionString = "UseDevelopmentStorage=true", TaskHubName = taskHubName };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_connection_string_that_is_not_one_is_rejected()
    {
        var options = new AzureTableStorageOptions { ConnectionString = "not a connection string" };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Contains("ConnectionString is not a valid", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_the_PlanFunctions_hub_and_the_plan_json_options()
    {
        var options = new AzureTableStorageOptions();

        Assert.Equal("PlanFunctions", options.TaskHubName);
        Assert.Same(PlanFunctions.Core.Serialization.PlanJson.Options, options.SerializerOptions);
        Assert.Equal("PlanFunctionsGrainState", AzureTableNames.GrainState(options.TaskHubName));
        Assert.Equal("PlanFunctionsReminders", AzureTableNames.Reminders(options.TaskHubName));
    }
}
