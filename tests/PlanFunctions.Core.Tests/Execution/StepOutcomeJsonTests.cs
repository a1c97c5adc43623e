using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Tests.Execution;

/// <summary>A step's output of JSON null is a value, kept across a wire; a step without output shows none.</summary>
public sealed class StepOutcomeJsonTests
{
    [Fact]
    public void A_null_output_reads_back_as_a_null_output()
    {
        var outcome = new StepOutcome { Status = StepStatus.Succeeded, Attempts = 1, Output = JsonDocument.Parse("null").RootElement };

        var json = JsonSerializer.Serialize(outcome, PlanJson.Options);
        var read = JsonSerializer.Deserialize<StepOutcome>(json, PlanJson.Options)!;

        Assert.Contains("\"output\":null", json, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, read.Output?.ValueKind);
    }

    [Fact]
    public void A_step_without_output_shows_none_and_reads_back_without_one()
    {
        var outcome = new StepOutcome { Status = StepStatus.Skipped, Error = "condition was false" };

        var json = JsonSerializer.Serialize(outcome, PlanJson.Options);
        var read = JsonSerializer.Deserialize<StepOutcome>(json, PlanJson.Options)!;

        Assert.DoesNotContain("output", json, StringComparison.Ordinal);
        Assert.Null(read.Output);
    }
}
