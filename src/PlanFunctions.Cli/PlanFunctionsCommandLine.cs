using System.CommandLine;
using PlanFunctions.Cli.Commands;

namespace PlanFunctions.Cli;

/// <summary>The <c>planfunctions</c> command line: builds the root command and runs it.</summary>
internal static class PlanFunctionsCommandLine
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("PlanFunctions: validate and run plans, graphs of tool calls written by people or AI agents.");
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RewindCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>, writing to the given writers; returns the exit code. Never
    /// lets an exception out: anything unexpected becomes one line on <paramref name="error"/> and exit code 2.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,

                // Ctrl+C is left to the commands: `run` turns it into the run's cancel event and waits for the run
                // to wind down, longer than System.CommandLine's grace period; elsewhere it ends the process.
                ProcessTerminationTimeout = null,
            };
            return await CreateRootCommand().Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("planfunctions: cancelled").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
#pragma warning disable CA1031 // The command line's promise is one clear line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"planfunctions: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
