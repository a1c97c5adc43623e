using System.Text;
using System.Text.Json;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Plans;

public sealed class PlanReaderTests
{
    [Fact]
    public void Good_plan_is_read_with_every_property()
    {
        var result = PlanReader.Read("""
            {
              "name": "Morning report",
              "goal": "Summarise new orders",
              "input": { "region": "EU", "ids": [1, 2] },
              "timeoutSeconds": 600,
              "defaults": {
                "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 1 },
                "timeoutSeconds": 30,
                "stopOnFailure": true
              },
              "steps": [
                { "id": "fetch", "name": "Fetch", "description": "Gets orders", "tool": "http",
                  "parameters": { "method": "GET", "url": "https://example.test/{{ input.region }}" } },
                { "id": "count", "tool": "echo", "dependsOn": ["fetch"], "condition": "steps.fetch.status == 'Succeeded'",
                  "retry": { "maxNumberOfAttempts": 5, "firstRetryIntervalSeconds": 0.5, "backoffCoefficient": 1.5,
                             "maxRetryIntervalSeconds": 10, "retryTimeoutSeconds": 120 },
                  "timeoutSeconds": 12.5, "stopOnFailure": false },
                { "id": "ask", "tool": "echo", "dependsOn": ["count"], "condition": { "ai": "Are there new orders?" } }
              ]
            }
            """);

        Assert.Empty(result.Problems);
        Assert.True(result.Succeeded);
        var plan = result.Plan!;
        Assert.Equal("Morning report", plan.Name);
        Assert.Equal("Summarise new orders", plan.Goal);
        Assert.Equal("EU", plan.Input!.Value.GetProperty("region").GetString());
        Assert.Equal(600, plan.TimeoutSeconds);
        Assert.Equal(3, plan.Defaults!.Retry!.MaxNumberOfAttempts);
        Assert.Equal(1, plan.Defaults.Retry.FirstRetryIntervalSeconds);
        Assert.Equal(RetryPolicy.Default.BackoffCoefficient, plan.Defaults.Retry.BackoffCoefficient);
        Assert.Equal(30, plan.Defaults.TimeoutSeconds);
        Assert.True(plan.Defaults.StopOnFailure);

        Assert.Equal(["fetch", "count", "ask"], plan.Steps.Select(s => s.Id));
        var fetch = plan.Steps[0];
        Assert.Equal("Fetch", fetch.Name);
        Assert.Equal("Gets orders", fetch.Description);
        Assert.Equal("http", fetch.Tool);
        Assert.Equal("GET", fetch.Parameters!.Value.GetProperty("method").GetString());
        Assert.Empty(fetch.DependsOn);
        Assert.Null(fetch.Condition);

        var count = plan.Steps[1];
        Assert.Equal(["fetch"], count.DependsOn);
        Assert.Equal("steps.fetch.status == 'Succeeded'", count.Condition!.Expression);
        Assert.False(count.Condition.IsAi);
        Assert.Equal(
            new RetryPolicy
            {
                MaxNumberOfAttempts = 5,
                FirstRetryIntervalSeconds = 0.5,
                BackoffCoefficient = 1.5,
                MaxRetryIntervalSeconds = 10,
                RetryTimeoutSeconds = 120,
            },
            count.Retry);
        Assert.Equal(12.5, count.TimeoutSeconds);
        Assert.False(count.StopOnFailure);

        Assert.Equal("Are there new orders?", plan.Steps[2].Condition!.AiQuestion);
    }

    [Fact]
    public void Input_and_parameters_outlive_the_document()
    {
        var plan = PlanReader.Read("""{ "name": "n", "input": { "a": [1, 2, 3] }, "steps": [ { "id": "s", "tool": "echo", "parameters": { "x": "y" } } ] }""").Plan!;

        Assert.Equal(3, plan.Input!.Value.GetProperty("a").GetArrayLength());
        Assert.Equal("y", plan.Steps[0].Parameters!.Value.GetProperty("x").GetString());
    }

    [Fact]
    public void Optional_properties_given_as_null_are_read_as_absent()
    {
        var result = PlanReader.Read("""
            { "name": "n", "goal": null, "input": null, "timeoutSeconds": null, "defaults": null,
              "steps": [ { "id": "s", "tool": "echo", "parameters": null, "dependsOn": null, "condition": null, "retry": null } ] }
            """);

        Assert.Empty(result.Problems);
        Assert.Null(result.Plan!.Input);
        Assert.Null(result.Plan.Steps[0].Parameters);
        Assert.Empty(result.Plan.Steps[0].DependsOn);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{ "name": "n", "steps": [] }""")).ToArray();

        var result = PlanReader.Read(bytes);

        Assert.Empty(result.Problems);
        Assert.Equal("n", result.Plan!.Name);
    }

    [Fact]
    public void Unknown_property_is_rejected_with_its_path()
    {
        var result = PlanReader.Read("""
            { "name": "n", "owner": "me",
              "defaults": { "retry": { "attempts": 3 } },
              "steps": [ { "id": "a", "tool": "echo", "timeout": 5, "retry": { "maxAttempts": 2 }, "condition": { "ai": "q", "model": "x" } } ] }
            """);

        Assert.Collection(
            result.Problems,
            p => Assert.Equal(("$.owner", null, "owner"), (p.Path, p.StepId, p.Property)),
            p => Assert.Equal(("$.defaults.retry.attempts", null, "defaults.retry.attempts"), (p.Path, p.StepId, p.Property)),
            p => Assert.Equal(("$.steps[0].timeout", "a", "timeout"), (p.Path, p.StepId, p.Property)),
            p => Assert.Equal(("$.steps[0].condition.model", "a", "condition.model"), (p.Path, p.StepId, p.Property)),
            p => Assert.Equal(("$.steps[0].retry.maxAttempts", "a", "retry.maxAttempts"), (p.Path, p.StepId, p.Property)));
        Assert.All(result.Problems, p => Assert.StartsWith("unknown property '", p.Message, StringComparison.Ordinal));
        Assert.NotNull(result.Plan);
    }

    [Fact]
    public void An_unknown_property_with_an_unusual_name_is_quoted_in_its_path()
    {
        var problem = Assert.Single(PlanReader.Read("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "time out": 1 } ] }""").Problems);

        Assert.Equal(("$.steps[0]['time out']", "['time out']"), (problem.Path, problem.Property));
    }

    [Fact]
    public void Property_names_are_exact_camelCase_and_a_near_miss_is_pointed_out()
    {
        var result = PlanReader.Read("""{ "Name": "n", "name": "n", "steps": [ { "id": "a", "tool": "echo", "DependsOn": [] } ] }""");

        Assert.Equal(2, result.Problems.Count);
        Assert.Equal("$.Name", result.Problems[0].Path);
        Assert.Contains("did you mean 'name'?", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("$.steps[0].DependsOn", result.Problems[1].Path);
        Assert.Contains("did you mean 'dependsOn'?", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_given_twice_is_rejected()
    {
        var result = PlanReader.Read("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "tool": "http" } ] }""");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$.steps[0].tool", "a"), (problem.Path, problem.StepId));
        Assert.Contains("more than once", problem.Message, StringComparison.Ordinal);
        Assert.Equal("echo", result.Plan!.Steps[0].Tool);
    }

    [Theory]
    [InlineData("""{ "name": 5, "steps": [] }""", "$.name", "must be a string, not a number")]
    [InlineData("""{ "name": "n", "goal": ["x"], "steps": [] }""", "$.goal", "must be a string, not an array")]
    [InlineData("""{ "name": "n", "timeoutSeconds": "60", "steps": [] }""", "$.timeoutSeconds", "must be a number, not a string")]
    [InlineData("""{ "name": "n", "timeoutSeconds": 1e400, "steps": [] }""", "$.timeoutSeconds", "1e400 is not a finite number")]
    [InlineData("""{ "name": "n", "defaults": [], "steps": [] }""", "$.defaults", "must be an object, not an array")]
    [InlineData("""{ "name": "n", "defaults": { "stopOnFailure": "yes" }, "steps": [] }""", "$.defaults.stopOnFailure", "must be true or false, not a string")]
    [InlineData("""{ "name": "n", "defaults": { "retry": 3 }, "steps": [] }""", "$.defaults.retry", "must be an object, not a number")]
    [InlineData("""{ "name": "n", "steps": [ 7 ] }""", "$.steps[0]", "must be a step object, not a number")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": true } ] }""", "$.steps[0].tool", "must be a string, not a boolean")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "name": 1 } ] }""", "$.steps[0].name", "must be a string, not a number")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "parameters": [1] } ] }""", "$.steps[0].parameters", "must be an object, not an array")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "dependsOn": "b" } ] }""", "$.steps[0].dependsOn", "must be an array of step ids, not a string")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "dependsOn": ["b", 2] } ] }""", "$.steps[0].dependsOn[1]", "must be a step id (a string), not a number")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "condition": true } ] }""", "$.steps[0].condition", "must be an expression (a string) or { \"ai\": \"question\" }, not a boolean")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "condition": { "ai": 1 } } ] }""", "$.steps[0].condition.ai", "must be a string, not a number")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "condition": { } } ] }""", "$.steps[0].condition.ai", "required property 'ai' is missing")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "retry": { "maxNumberOfAttempts": 2.5 } } ] }""", "$.steps[0].retry.maxNumberOfAttempts", "must be a whole number from 1 to 100, not 2.5")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "retry": { "maxNumberOfAttempts": "3" } } ] }""", "$.steps[0].retry.maxNumberOfAttempts", "must be a whole number, not a string")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "retry": { "backoffCoefficient": null, "firstRetryIntervalSeconds": {} } } ] }""", "$.steps[0].retry.firstRetryIntervalSeconds", "must be a number, not an object")]
    [InlineData("""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "stopOnFailure": 1 } ] }""", "$.steps[0].stopOnFailure", "must be true or false, not a number")]
    public void Wrong_json_type_is_rejected_with_its_path(string json, string path, string message)
    {
        var result = PlanReader.Read(json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((path, message), (problem.Path, problem.Message));
        Assert.NotNull(result.Plan);
    }

    [Fact]
    public void A_bad_value_is_left_out_of_the_plan_and_the_rest_is_kept()
    {
        var result = PlanReader.Read("""
            { "name": "n", "timeoutSeconds": "soon",
              "steps": [ { "id": "a", "tool": "echo", "dependsOn": ["b", 2], "retry": { "maxNumberOfAttempts": "x", "backoffCoefficient": 3 } },
                         { "id": "b", "tool": "echo" } ] }
            """);

        Assert.Equal(3, result.Problems.Count);
        var plan = result.Plan!;
        Assert.Null(plan.TimeoutSeconds);
        Assert.Equal(["b"], plan.Steps[0].DependsOn);
        Assert.Equal(RetryPolicy.Default.MaxNumberOfAttempts, plan.Steps[0].Retry!.MaxNumberOfAttempts);
        Assert.Equal(3, plan.Steps[0].Retry!.BackoffCoefficient);
    }

    [Fact]
    public void Missing_required_properties_are_each_reported()
    {
        var result = PlanReader.Read("""{ "steps": [ { "tool": "echo" }, { "id": "b" } ] }""");

        Assert.Collection(
            result.Problems,
            p => Assert.Equal(("$.name", null, "name", "required property 'name' is missing"), (p.Path, p.StepId, p.Property, p.Message)),
            p => Assert.Equal(("$.steps[0].id", null, "steps[0].id", "required property 'id' is missing"), (p.Path, p.StepId, p.Property, p.Message)),
            p => Assert.Equal(("$.steps[1].tool", "b", "tool", "required property 'tool' is missing"), (p.Path, p.StepId, p.Property, p.Message)));
        Assert.Equal(2, result.Plan!.Steps.Count);
    }

    [Fact]
    public void A_step_without_a_readable_id_is_named_by_its_position()
    {
        var result = PlanReader.Read("""{ "name": "n", "steps": [ { "id": 42, "tool": "echo", "retry": { "maxNumberOfAttempts": true } } ] }""");

        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Null(p.StepId));
        Assert.Equal("steps[0].id: must be a string, not a number", result.Problems[0].ToString());
        Assert.Equal("steps[0].retry.maxNumberOfAttempts: must be a whole number, not a boolean", result.Problems[1].ToString());
    }

    [Fact]
    public void Missing_steps_leave_no_plan()
    {
        var result = PlanReader.Read("""{ "name": "n" }""");

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$.steps", "required property 'steps' is missing"), (problem.Path, problem.Message));
    }

    [Fact]
    public void Steps_that_are_not_an_array_leave_no_plan_but_other_problems_are_still_reported()
    {
        var result = PlanReader.Read("""{ "name": 1, "colour": "red", "steps": { "id": "a" } }""");

        Assert.Null(result.Plan);
        Assert.Equal(["$.colour", "$.name", "$.steps"], result.Problems.Select(p => p.Path));
        Assert.Equal("must be an array of steps, not an object", result.Problems[2].Message);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"plan\"", "a string")]
    [InlineData("null", "null")]
    public void A_root_that_is_not_an_object_is_rejected(string json, string kind)
    {
        var result = PlanReader.Read(json);

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$", problem.Path);
        Assert.Equal($"a plan must be a JSON object, not {kind}", problem.Message);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line_and_position()
    {
        var result = PlanReader.Read("{\n  \"name\": \"n\",\n  \"steps\": [ ,]\n}");

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal(13, problem.Position);
        Assert.StartsWith("not valid JSON: ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("(line 3, position 13)", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": \"n\", // a comment\n \"steps\": [] }", 1)]
    [InlineData("{ \"name\": \"n\", \"steps\": [], }", 1)]
    [InlineData("{ \"name\": \"n\", \"steps\": [ { \"id\": \"a\", \"tool\": \"echo\" }, ] }", 1)]
    [InlineData("{ \"name\": \"n\",\n\n \"steps\": [ ]", 3)]
    [InlineData("", 1)]
    public void Comments_trailing_commas_and_truncated_documents_are_not_json(string json, long line)
    {
        var result = PlanReader.Read(json);

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(line, problem.Line);
        Assert.NotNull(problem.Position);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected()
    {
        var deep = new string('[', 10) + new string(']', 10);
        var json = $$"""{ "name": "n", "input": {{deep}}, "steps": [] }""";

        var tight = PlanReader.Read(json, new PlanLimits { MaxJsonDepth = 8 });
        var roomy = PlanReader.Read(json, new PlanLimits { MaxJsonDepth = 16 });

        var problem = Assert.Single(tight.Problems);
        Assert.Null(tight.Plan);
        Assert.Contains("depth", problem.Message, StringComparison.Ordinal);
        Assert.Empty(roomy.Problems);
    }

    [Fact]
    public void Many_problems_are_reported_at_once()
    {
        var result = PlanReader.Read("""
            { "name": 3, "extra": 1, "timeoutSeconds": "x",
              "defaults": { "timeoutSeconds": [], "retry": { "nope": 1 } },
              "steps": [
                { "id": "a", "tool": "echo", "dependsOn": [1], "oops": true },
                { "tool": 4 },
                "step",
                { "id": "d", "tool": "echo", "condition": 1, "retry": { "backoffCoefficient": "2" }, "stopOnFailure": "no" }
              ] }
            """);

        Assert.Equal(
            [
                "$.extra", "$.name", "$.timeoutSeconds", "$.defaults.retry.nope", "$.defaults.timeoutSeconds",
                "$.steps[0].oops", "$.steps[0].dependsOn[0]",
                "$.steps[1].id", "$.steps[1].tool",
                "$.steps[2]",
                "$.steps[3].condition", "$.steps[3].retry.backoffCoefficient", "$.steps[3].stopOnFailure",
            ],
            result.Problems.Select(p => p.Path));
        Assert.Equal(4, result.Plan!.Steps.Count);
    }

    [Fact]
    public void Problems_name_the_step_and_property_in_words()
    {
        var result = PlanReader.Read("""{ "name": "n", "steps": [ { "id": "fetch", "tool": "echo", "retry": { "maxNumberOfAttempts": "3" } } ] }""");

        Assert.Equal(
            "step 'fetch', retry.maxNumberOfAttempts: must be a whole number, not a string",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Input_may_be_any_json_value()
    {
        foreach (var input in new[] { "1", "\"text\"", "[1, {\"a\": null}]", "true" })
        {
            var result = PlanReader.Read($$"""{ "name": "n", "input": {{input}}, "steps": [] }""");

            Assert.Empty(result.Problems);
            Assert.Equal(
                JsonDocument.Parse(input).RootElement.GetRawText(),
                result.Plan!.Input!.Value.GetRawText());
        }
    }
}
