namespace PlanFunctions.Cli.Tests;

public sealed class ValidateCommandTests : IClassFixture<PlanFilesFixture>
{
    private readonly PlanFilesFixture _files;

    public ValidateCommandTests(PlanFilesFixture files) => _files = files;

    [Fact]
    public async Task A_valid_plan_exits_0_and_says_how_many_steps_it_has()
    {
        var path = _files.Write("good.json", """
            { "name": "Greeting", "steps": [
                { "id": "hello", "tool": "echo", "parameters": { "text": "hello" } },
                { "id": "wait", "tool": "delay", "dependsOn": ["hello"], "parameters": { "milliseconds": 10 } } ] }
            """);

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{path}: valid (2 steps)", run.Output.Trim());
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task A_plan_with_several_problems_exits_2_and_lists_each_on_its_own_line()
    {
        var path = _files.Write("bad.json", """
            { "name": "Bad", "colour": "red", "steps": [
                { "id": "a", "tool": "teleport" },
                { "id": "b", "tool": "echo", "dependsOn": ["a", "ghost"], "retry": { "maxNumberOfAttempts": 0 } },
                { "id": "b", "tool": "echo", "timeoutSeconds": -1 } ] }
            """);

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(
            [
                $"{path}: colour: unknown property 'colour'; known properties: name, goal, input, timeoutSeconds, defaults, steps",
                $"{path}: step 'a', tool: unknown tool 'teleport'; known tools: ai.chat, delay, echo, fail, http, waitForEvent",
                $"{path}: step 'b', dependsOn[1]: unknown step 'ghost'",
                $"{path}: step 'b', retry.maxNumberOfAttempts: must be a whole number from 1 to 100, not 0",
                $"{path}: step 'b', id: duplicate id 'b': steps[1] and steps[2] both use it",
                $"{path}: step 'b', timeoutSeconds: must be a number greater than 0 and at most 604800, not -1",
            ],
            run.ErrorLines);
    }

    [Fact]
    public async Task An_ai_condition_is_rejected_because_the_command_line_has_no_endpoint()
    {
        var path = _files.Write("ai.json", """{ "name": "Ask", "steps": [ { "id": "a", "tool": "echo", "condition": { "ai": "Is it Monday?" } } ] }""");

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"{path}: step 'a', condition: an AI condition cannot be used here: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_exits_2_with_the_line_and_position()
    {
        var path = _files.Write("broken.json", "{\n  \"name\": \"Broken\",\n  \"steps\": [\n    { \"id\": \"a\" \"tool\": \"echo\" }\n  ]\n}");

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"{path}: $ (line 4, position 16): not valid JSON: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_one_clear_line()
    {
        var path = Path.Combine(_files.Directory, "nowhere.json");

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{path}: no such file", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_directory_is_not_a_plan_file()
    {
        var run = await CliRun.InProcessAsync("validate", _files.Directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{_files.Directory}: is a directory, not a plan file", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Validate_without_a_file_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("validate");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Required argument missing", run.Error, StringComparison.Ordinal);
    }
}
