using System.CommandLine;
using PlanFunctions.Cli.Engine;
using PlanFunctions.Cli.Logging;
using PlanFunctions.Cli.Running;
using PlanFunctions.Client;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Status;
using Spectre.Console;

namespace PlanFunctions.Cli.Commands;

/// <summary>
/// <c>planfunctions rewind ID --storage CONNECTION [--engine ENGINE] [--reason TEXT] [--json]</c>: takes a Failed run
/// back to its failed steps (they run again, what succeeded is kept) and watches it to its end, as
/// <c>run --instance-id</c> does; exit codes as for <c>run</c>, and 2 when the run cannot be rewound.
/// </summary>
internal static class RewindCommand
{
    /// <summary>The <c>rewind</c> command.</summary>
    public static Command Create()
    {
        var instanceId = new Argument<string>("id") { Description = "The instance id of the Failed run to rewind." };
        var json = new Option<bool>("--json")
        {
            Description = "Print nothing but the run's final status document (JSON, as the HTTP status endpoint gives it) on standard output.",
        };
        var engine = EngineSelection.CreateEngineOption("The engine that ran the run: 'orleans' (the default) or 'durable-functions'.");
        var storage = EngineSelection.CreateStorageOption("The Azure Storage account the run is kept in (UseDevelopmentStorage=true for a local Azurite); required.");
        var reason = new Option<string>("--reason") { Description = "Why the run is rewound; kept in its history.", HelpName = "TEXT" };
        var command = new Command(
            "rewind",
            "Rewind a Failed run kept in storage: its failed steps, and the steps skipped or cancelled because of them, run again with fresh attempts; steps that succeeded keep their outputs. Then watch it to its end as 'run --instance-id' does. Exit code 0 when it ends Completed, 1 when it ends otherwise, 2 when it cannot be rewound (no such run, or it is not Failed), 3 when a setting is wrong.");
        command.Arguments.Add(instanceId);
        command.Options.Add(json);
        command.Options.Add(engine);
        command.Options.Add(storage);
        command.Options.Add(reason);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(instanceId)!,
            EngineNames.Parse(parseResult.GetValue(engine)),
            parseResult.GetValue(storage),
            parseResult.GetValue(reason),
            parseResult.GetValue(json),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Rewinds the run and follows it to its end; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        string instanceId, EngineKind engineKind, string? storageConnection, string? reason, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (EngineSelection.InstanceIdProblem(instanceId) is { } idProblem)
        {
            await error.WriteLineAsync($"planfunctions: {idProblem.Replace("--instance-id", "ID", StringComparison.Ordinal)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (EngineSelection.StorageProblem(engineKind, storageConnection, storageRequired: true) is var (storageLine, storageExit))
        {
            await error.WriteLineAsync($"planfunctions: {storageLine}").ConfigureAwait(false);
            return storageExit;
        }

        var (settings, settingsExit) = await EngineSelection.ReadSettingsAsync(error).ConfigureAwait(false);
        if (settings is null)
        {
            return settingsExit;
        }

        var (view, console) = RunFollowing.CreateView(json, output, error);
        using var log = new ErrorStreamLoggerProvider(error);
        using var interrupt = RunInterrupt.Listen(console is null ? null : () => console.Cursor.Show());
        var (engine, engineExit) = await EngineSelection.StartAsync(engineKind, storageConnection, log, settings, error, cancellationToken).ConfigureAwait(false);
        if (engine is null)
        {
            return engineExit;
        }

        await using (engine.ConfigureAwait(false))
        {
            var client = engine.Client;
            var before = await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken).ConfigureAwait(false);
            if (Refusal(instanceId, before, EngineNames.Of(engineKind)) is { } refusal)
            {
                await error.WriteLineAsync($"planfunctions: {refusal}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            ControlResult result;
            try
            {
                result = await client.RewindAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException)
            {
                await error.WriteLineAsync($"planfunctions: the {EngineNames.Of(engineKind)} engine cannot rewind a run yet").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            if (result != ControlResult.Accepted)
            {
                var now = await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync($"planfunctions: {Refusal(instanceId, now, EngineNames.Of(engineKind)) ?? $"the engine refused to rewind the run {instanceId} ({result})"}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await error.WriteLineAsync($"planfunctions: rewound the run {instanceId}; its failed steps run again").ConfigureAwait(false);
            var status = await RunFollowing.FollowToEndAsync(client, instanceId, view, interrupt, console is null ? null : log, cancellationToken, rewound: before).ConfigureAwait(false);
            return RunFollowing.ExitCodeOf(status);
        }
    }

    /// <summary>Why the run cannot be rewound, or <see langword="null"/> when it is Failed.</summary>
    private static string? Refusal(string instanceId, OrchestrationStatus? status, string engine) => status switch
    {
        null => $"there is no run {instanceId} in that storage for the {engine} engine",
        { RuntimeStatus: RuntimeStatus.Failed } => null,
        _ => $"the run {instanceId} is {status.RuntimeStatus}, not Failed: only a Failed run can be rewound",
    };
}
