using System.CommandLine;
using Microsoft.Extensions.Configuration;
using PlanFunctions.Cli.Engine;
using PlanFunctions.Cli.Logging;
using PlanFunctions.Cli.Running;
using PlanFunctions.Cli.Running.Views;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Tools.Configuration;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Orchestration;
using Spectre.Console;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Cli.Commands;

/// <summary>
/// <c>planfunctions run FILE [--json] [--storage CONNECTION]</c>: validates a plan and runs it on an engine inside
/// this process, showing its progress; exit code 0 when the run ends Completed, 1 when it ends otherwise, 2 when
/// the plan is invalid or unreadable, 3 when a setting is wrong.
/// </summary>
internal static class RunCommand
{
    /// <summary>The <c>run</c> command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The plan file (JSON) to run." };
        var json = new Option<bool>("--json")
        {
            Description = "Print nothing but the run's final status document (JSON, as the HTTP status endpoint gives it) on standard output.",
        };
        var storage = new Option<string>("--storage")
        {
            Description = "Keep the run in Azure Table Storage with this connection string (UseDevelopmentStorage=true for a local Azurite) instead of in memory.",
            HelpName = "CONNECTION",
        };
        var command = new Command(
            "run",
            "Validate a plan and run it on an embedded engine, showing its progress. Exit code 0 when the run ends Completed, 1 when it ends otherwise, 2 when the plan is invalid, 3 when a setting is wrong. Settings are read as the service reads them: host.json and local.settings.json in the current folder, then the environment. Ctrl+C cancels the run; a second Ctrl+C stops at once.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(storage);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(file)!,
            parseResult.GetValue(json),
            parseResult.GetValue(storage),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Validates and runs one plan file; returns the exit code.</summary>
    public static async Task<int> RunAsync(FileInfo file, bool json, string? storageConnection, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        IConfigurationRoot settings;
        try
        {
            settings = EngineConfiguration.Read(Directory.GetCurrentDirectory());
        }
        catch (Exception e) when (StartupErrors.Describe(e) is { Count: > 0 } lines)
        {
            return await WriteSettingsProblemsAsync(lines, error).ConfigureAwait(false);
        }

        var ai = EngineConfiguration.DescribeAi(settings);
        var validation = ValidateCommand.Options with
        {
            AiUnavailableReason = ai is null
                ? "no Azure OpenAI endpoint is configured: set AzureOpenAI__Endpoint, AzureOpenAI__Deployment and AzureOpenAI__ApiKey in the environment or in local.settings.json"
                : null,
        };
        var plan = await ValidateCommand.ReadValidPlanAsync(file, validation, error, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return ExitCodes.Failed;
        }

        var (storage, storageProblem) = EmbeddedEngineStorage.From(storageConnection);
        if (storage is null)
        {
            await error.WriteLineAsync($"planfunctions: {storageProblem}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var console = !json && IsTerminal(output)
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) })
            : null;
        IRunView view = json ? new JsonRunView(output, error)
            : console is not null ? new LiveRunView(console)
            : new LineRunView(output, error);

        using var log = new ErrorStreamLoggerProvider(error);
        using var interrupt = RunInterrupt.Listen(console is null ? null : () => console.Cursor.Show());
        EmbeddedEngine engine;
        try
        {
            engine = await EmbeddedEngine.StartAsync(storage, log, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StartupErrors.Describe(e, settings) is { Count: > 0 } lines)
        {
            return await WriteSettingsProblemsAsync(lines, error).ConfigureAwait(false);
        }

        await using (engine.ConfigureAwait(false))
        {
            if (ai is not null)
            {
                await error.WriteLineAsync($"planfunctions: {ai}").ConfigureAwait(false);
            }

            var status = await RunToEndAsync(engine.Client, plan, view, interrupt, console is null ? null : log, cancellationToken).ConfigureAwait(false);
            return status.RuntimeStatus == RuntimeStatus.Completed ? ExitCodes.Success : ExitCodes.RunNotCompleted;
        }
    }

    private static async Task<OrchestrationStatus> RunToEndAsync(
        PlanFunctionsClient client, Plan plan, IRunView view, RunInterrupt interrupt, ErrorStreamLoggerProvider? heldLog, CancellationToken cancellationToken)
    {
        var instanceId = PlanFunctionsClient.NewInstanceId();
        if (await client.StartAsync(instanceId, plan).ConfigureAwait(false) != StartRunResult.Started)
        {
            throw new InvalidOperationException($"the engine did not start the run {instanceId}");
        }

        var watcher = new RunWatcher(client, instanceId, interrupt, TimeProvider.System);

        // The live view owns the terminal while it draws: the engine's log lines wait until it is done.
        heldLog?.Hold();
        try
        {
            await view.FollowAsync(watcher.WatchAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            heldLog?.Release();
        }

        var status = await watcher.GetStatusAsync().ConfigureAwait(false);
        await view.EndAsync(status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    private static async Task<int> WriteSettingsProblemsAsync(IReadOnlyList<string> problems, TextWriter error)
    {
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"planfunctions: {problem}").ConfigureAwait(false);
        }

        return ExitCodes.BadSettings;
    }

    private static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
}
