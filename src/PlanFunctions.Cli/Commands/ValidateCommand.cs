using System.CommandLine;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tools;

namespace PlanFunctions.Cli.Commands;

/// <summary><c>planfunctions validate FILE</c>: reads a plan file and reports every problem with it.</summary>
internal static class ValidateCommand
{
    /// <summary>The options plans are validated with here: the built-in tools, and no Azure OpenAI.</summary>
    public static PlanValidationOptions Options { get; } = new()
    {
        Tools = NameOnlyToolCatalog.BuiltIns,
        AiUnavailableReason = "the command line has no Azure OpenAI endpoint; AI conditions are checked when the plan is submitted to a host",
    };

    /// <summary>The <c>validate</c> command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The plan file (JSON) to check." };
        var command = new Command("validate", "Check a plan file against the plan format and report every problem: exit code 0 when it is valid, 2 when it is not.");
        command.Arguments.Add(file);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(file)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Validates one file; writes the verdict to <paramref name="output"/> and the problems to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(FileInfo file, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var plan = await ReadValidPlanAsync(file, error, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return ExitCodes.Failed;
        }

        var count = plan.Steps.Count;
        await output.WriteLineAsync($"{file}: valid ({count} {(count == 1 ? "step" : "steps")})").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Reads and validates a plan file. Returns the plan when it is valid; otherwise writes why it could not be read,
    /// or each of its problems on its own line, to <paramref name="error"/> and returns <see langword="null"/>.
    /// </summary>
    public static Task<Plan?> ReadValidPlanAsync(FileInfo file, TextWriter error, CancellationToken cancellationToken) =>
        ReadValidPlanAsync(file, Options, error, cancellationToken);

    /// <summary>Reads and validates a plan file with the given options; see the other overload.</summary>
    public static async Task<Plan?> ReadValidPlanAsync(FileInfo file, PlanValidationOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(error);
        var name = file.ToString();
        var content = await PlanFile.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        if (content.Error is { } reason)
        {
            await error.WriteLineAsync($"{name}: {reason}").ConfigureAwait(false);
            return null;
        }

        var result = PlanValidator.ReadAndValidate(content.Bytes, options);
        if (result.Succeeded)
        {
            return result.Plan;
        }

        foreach (var problem in result.Problems)
        {
            await error.WriteLineAsync($"{name}: {problem}").ConfigureAwait(false);
        }

        return null;
    }
}
