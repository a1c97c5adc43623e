using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PlanFunctions.Tools.Configuration;

namespace PlanFunctions.Tools.Tests.Configuration;

public sealed class StartupErrorsTests
{
    [Fact]
    public void A_data_annotation_failure_names_the_key_under_the_options_section()
    {
        var error = new OptionsValidationException(string.Empty, typeof(SampleOptions),
            ["DataAnnotation validation failed for 'SampleOptions' members: 'Shards' with the error: 'The field Shards must be between 1 and 1024.'."]);

        Assert.Equal(["sample:section:Shards must be between 1 and 1024."], StartupErrors.Describe(error));
    }

    [Fact]
    public void Every_problem_of_every_options_type_is_one_line_and_the_key_is_spelled_as_written()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:Section:shards"] = "0" })
            .Build();
        var error = new AggregateException(
            new OptionsValidationException(string.Empty, typeof(SampleOptions),
                ["DataAnnotation validation failed for 'SampleOptions' members: 'Shards' with the error: 'The field Shards must be between 1 and 1024.'."]),
            new OptionsValidationException(string.Empty, typeof(object), ["Other:ApiKey must be at least 16 characters long; it is 3.", "Other:Name must not be empty."]));

        Assert.Equal(
            ["Sample:Section:shards must be between 1 and 1024.", "Other:ApiKey must be at least 16 characters long; it is 3.", "Other:Name must not be empty."],
            StartupErrors.Describe(error, configuration));
    }

    [Fact]
    public void A_value_that_cannot_be_converted_is_named_without_the_value()
    {
        var error = new InvalidOperationException("Failed to convert configuration value 's3cr3t' at 'Sample:Section:Period' to type 'System.TimeSpan'.");

        var line = Assert.Single(StartupErrors.Describe(error));

        Assert.Equal("Sample:Section:Period must be a duration such as 00:00:30; the value given cannot be read as one.", line);
    }

    [Fact]
    public void A_failure_that_is_not_about_settings_gives_no_lines_and_writes_nothing()
    {
        using var error = new StringWriter();

        Assert.False(StartupErrors.TryWrite(new InvalidOperationException("the port is taken"), null, error));
        Assert.Empty(error.ToString());
        Assert.Equal(3, StartupErrors.ExitCode);
    }

    private sealed class SampleOptions
    {
        public const string SectionName = "sample:section";

        public int Shards { get; set; }
    }
}
