using System.Text.Json;
using PlanFunctions.Core.Paths;
using PlanFunctions.Core.Templates;

namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>
/// Random and adversarial step parameters through template scanning and rendering: problems with a message and a
/// place, or parameters filled in; never an exception, never a runaway expansion.
/// </summary>
public sealed class TemplateFuzzTests
{
    private static readonly JsonPathValueSource Values = JsonPathValueSource.Parse($$"""
        { "input": { "n": 5, "list": [1, 2, 3], "big": 1e400, "s": "\ud800", "odd key": [null], "\ud800": "lone",
                     "wide": "{{new string('w', 100_000)}}" },
          "steps": { "a": { "output": { "tags": ["x", 1e-400] }, "status": "Succeeded" } } }
        """);

    [Fact]
    public void Random_parameters_scan_and_render_without_a_crash_or_a_hang()
    {
        var checkedCount = FuzzRun.Run(
            3,
            random => (Parameters: TemplateInputs.Generate(random), MaxLength: random.Next(1, 5_000), MaxExpansion: random.Next(0, 2_000_000)),
            input => Check(input.Parameters, input.MaxLength, input.MaxExpansion),
            input => input.Parameters.GetRawText());

        Assert.True(checkedCount > 0);
    }

    [Fact]
    public void A_template_that_expands_a_long_value_many_times_stops_at_the_expansion_limit()
    {
        var parameters = JsonSerializer.SerializeToElement(new { a = string.Concat(Enumerable.Repeat("{{ input.wide }}", 200)) });

        FuzzRun.Once(() => Check(parameters, 4_096, 1024 * 1024));

        var rendered = ParameterTemplates.Render(parameters, Values, 1024 * 1024);
        Assert.Equal("templates at $.a expand past the limit of 1048576 characters", rendered.Error);
    }

    private static void Check(JsonElement parameters, int maxTemplateLength, int maxExpansion)
    {
        var scan = ParameterTemplates.Scan(parameters, maxTemplateLength);
        foreach (var problem in scan.Problems)
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.Message), $"a template problem at {problem.Location} has no message");
            Assert.StartsWith("$", problem.Location, StringComparison.Ordinal);
            Assert.True(problem.Position >= 0);
        }

        var rendered = ParameterTemplates.Render(parameters, Values, maxExpansion);
        if (rendered.Succeeded)
        {
            Assert.NotEqual(JsonValueKind.Undefined, rendered.Value.ValueKind);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(rendered.Error));
        }
    }
}
