using System.CommandLine;
using PlanFunctions.Cli.Engine;
using PlanFunctions.Cli.Logging;
using PlanFunctions.Cli.Running;
using PlanFunctions.Cli.Running.Views;
using PlanFunctions.Client;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Status;
using Spectre.Console;

namespace PlanFunctions.Cli.Commands;

/// <summary>
/// <c>planfunctions run FILE [--engine ENGINE] [--storage CONNECTION] [--instance-id ID] [--json]</c>: validates a plan
/// and runs it on an engine inside this process, showing its progress; exit code 0 when the run ends Completed, 1 when
/// it ends otherwise (or the command line is wrong), 2 when the plan is invalid or unreadable, 3 when a setting is wrong.
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
        var engine = EngineSelection.CreateEngineOption(
            "The engine to run on: 'orleans' (the default; runs in memory unless --storage is given) or 'durable-functions' (the Function App's orchestrator, activities and entities on the Durable Task Azure Storage backend; needs --storage).");
        var storage = EngineSelection.CreateStorageOption(
            "Keep the run in this Azure Storage account (UseDevelopmentStorage=true for a local Azurite): in its tables with the orleans engine, which otherwise keeps runs in memory; in its task hub's queues and tables with durable-functions, which needs it.");
        var instanceId = EngineSelection.CreateInstanceIdOption();
        var command = new Command(
            "run",
            "Validate a plan and run it on an engine inside this process, showing its progress. Exit code 0 when the run ends Completed, 1 when it ends otherwise, 2 when the plan is invalid, 3 when a setting is wrong. Settings are read as the service and the Function App read them: host.json and local.settings.json in the current folder, then the environment. Ctrl+C cancels the run; a second Ctrl+C stops at once (a run kept in storage can then be resumed with --instance-id).");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(engine);
        command.Options.Add(storage);
        command.Options.Add(instanceId);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new RunRequest(
                parseResult.GetValue(file)!,
                parseResult.GetValue(json),
                EngineNames.Parse(parseResult.GetValue(engine)),
                parseResult.GetValue(storage),
                parseResult.GetValue(instanceId)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Validates and runs one plan file on the Orleans engine; returns the exit code.</summary>
    public static Task<int> RunAsync(FileInfo file, bool json, string? storageConnection, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(new RunRequest(file, json, EngineKind.Orleans, storageConnection, null), output, error, cancellationToken);

    /// <summary>Validates and runs one plan file (or resumes the run under its instance id); returns the exit code.</summary>
    public static async Task<int> RunAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (EngineSelection.InstanceIdProblem(request.InstanceId) is { } idProblem)
        {
            await error.WriteLineAsync($"planfunctions: {idProblem}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (EngineSelection.StorageProblem(request.Engine, request.StorageConnection) is var (storageLine, storageExit))
        {
            await error.WriteLineAsync($"planfunctions: {storageLine}").ConfigureAwait(false);
            return storageExit;
        }

        var (settings, settingsExit) = await EngineSelection.ReadSettingsAsync(error).ConfigureAwait(false);
        if (settings is null)
        {
            return settingsExit;
        }

        var ai = EngineConfiguration.DescribeAi(settings);
        var validation = ValidateCommand.Options with
        {
            AiUnavailableReason = ai is null
                ? "no Azure OpenAI endpoint is configured: set AzureOpenAI__Endpoint, AzureOpenAI__Deployment and AzureOpenAI__ApiKey in the environment or in local.settings.json"
                : null,
        };
        var plan = await ValidateCommand.ReadValidPlanAsync(request.File, validation, error, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return ExitCodes.Failed;
        }

        var (view, console) = RunFollowing.CreateView(request.Json, output, error);
        using var log = new ErrorStreamLoggerProvider(error);
        using var interrupt = RunInterrupt.Listen(console is null ? null : () => console.Cursor.Show());
        var (engine, engineExit) = await EngineSelection.StartAsync(request.Engine, request.StorageConnection, log, settings, error, cancellationToken).ConfigureAwait(false);
        if (engine is null)
        {
            return engineExit;
        }

        await using (engine.ConfigureAwait(false))
        {
            if (ai is not null)
            {
                await error.WriteLineAsync($"planfunctions: {ai}").ConfigureAwait(false);
            }

            var client = engine.Client;
            var instanceId = request.InstanceId ?? PlanFunctionsClient.NewInstanceId();
            var existing = request.InstanceId is null ? null : await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken).ConfigureAwait(false);
            if (existing is not null && RunFollowing.IsEnded(existing))
            {
                await error.WriteLineAsync($"planfunctions: the run {instanceId} has already ended {existing.RuntimeStatus}; {request.File} is not run again (give another --instance-id to run it anew)").ConfigureAwait(false);
                var ended = await client.GetStatusAsync(instanceId, cancellationToken: cancellationToken).ConfigureAwait(false) ?? existing;
                await view.EndAsync(ended, cancellationToken).ConfigureAwait(false);
                return RunFollowing.ExitCodeOf(ended);
            }

            if (existing is null && !await StartAsync(client, instanceId, plan, cancellationToken).ConfigureAwait(false))
            {
                existing = await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken).ConfigureAwait(false);
            }

            if (existing is not null)
            {
                await error.WriteLineAsync($"planfunctions: resuming the run {instanceId} ({existing.RuntimeStatus}), which has not ended; {request.File} is not run again").ConfigureAwait(false);
            }

            var status = await RunFollowing.FollowToEndAsync(client, instanceId, view, interrupt, console is null ? null : log, cancellationToken).ConfigureAwait(false);
            return RunFollowing.ExitCodeOf(status);
        }
    }

    /// <summary>Starts the run; false when a run under the id that has not ended was there first.</summary>
    private static async Task<bool> StartAsync(PlanFunctionsClient client, string instanceId, Plan plan, CancellationToken cancellationToken) =>
        await client.StartAsync(instanceId, plan, cancellationToken).ConfigureAwait(false) switch
        {
            StartRunResult.Started => true,
            StartRunResult.Conflict => false,
            var other => throw new InvalidOperationException($"the engine did not start the run {instanceId}: {other}"),
        };
}
