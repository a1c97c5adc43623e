using System.CommandLine;
using Microsoft.Extensions.Configuration;
using PlanFunctions.Cli.Engine;
using PlanFunctions.Cli.Logging;
using PlanFunctions.Client.Api;
using PlanFunctions.Tools.Configuration;

namespace PlanFunctions.Cli.Commands;

/// <summary>
/// What <c>run</c> and <c>rewind</c> share: the <c>--engine</c>, <c>--storage</c> and <c>--instance-id</c> options, and
/// starting the chosen engine with one clear line per problem.
/// </summary>
internal static class EngineSelection
{
    /// <summary>The <c>--engine</c> option: <c>orleans</c> (the default) or <c>durable-functions</c>.</summary>
    public static Option<string> CreateEngineOption(string description)
    {
        var option = new Option<string>("--engine")
        {
            Description = description,
            HelpName = "ENGINE",
            DefaultValueFactory = _ => EngineNames.Orleans,
        };
        option.AcceptOnlyFromAmong([.. EngineNames.All]);
        return option;
    }

    /// <summary>The <c>--storage</c> option.</summary>
    public static Option<string> CreateStorageOption(string description) => new("--storage")
    {
        Description = description,
        HelpName = "CONNECTION",
    };

    /// <summary>The <c>--instance-id</c> option of <c>run</c>.</summary>
    public static Option<string> CreateInstanceIdOption() => new("--instance-id")
    {
        Description = "Run under this instance id. When a run with this id has not ended in the storage, it is resumed (FILE is not run again) and watched to its end; when it has ended, its status is printed with its exit code.",
        HelpName = "ID",
    };

    /// <summary>The problem with an instance id given on the command line, as one line, or <see langword="null"/>.</summary>
    public static string? InstanceIdProblem(string? instanceId) =>
        instanceId is null ? null : InstanceIds.Problem(instanceId) is { } problem ? $"--instance-id: {problem}" : null;

    /// <summary>
    /// The problem with the storage for <paramref name="kind"/> as one line and its exit code, or <see langword="null"/>
    /// when the engine can start on it.
    /// </summary>
    public static (string Line, int ExitCode)? StorageProblem(EngineKind kind, string? storageConnection, bool storageRequired = false)
    {
        if (storageConnection is null && (kind == EngineKind.DurableFunctions || storageRequired))
        {
            var why = kind == EngineKind.DurableFunctions
                ? "the durable-functions engine needs a storage account for its queues and tables"
                : "runs in memory end with the process that ran them";
            return ($"--storage is required: {why}; give a connection string, e.g. --storage UseDevelopmentStorage=true for a local Azurite", ExitCodes.Usage);
        }

        if (storageConnection is not null && string.IsNullOrWhiteSpace(storageConnection))
        {
            return ("--storage: the connection string is empty; give one, e.g. UseDevelopmentStorage=true for Azurite", ExitCodes.Failed);
        }

        return null;
    }

    /// <summary>
    /// Starts the engine. On a settings problem, writes one line per problem and returns exit code 3; on a storage
    /// problem, one line and exit code 2.
    /// </summary>
    public static async Task<(IEmbeddedEngine? Engine, int ExitCode)> StartAsync(
        EngineKind kind, string? storageConnection, ErrorStreamLoggerProvider log, IConfigurationRoot settings, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            if (kind == EngineKind.DurableFunctions)
            {
                return (await DurableTaskEmbeddedEngine.StartAsync(storageConnection!, log, settings, cancellationToken).ConfigureAwait(false), ExitCodes.Success);
            }

            var (storage, storageProblem) = EmbeddedEngineStorage.From(storageConnection);
            if (storage is null)
            {
                await error.WriteLineAsync($"planfunctions: {storageProblem}").ConfigureAwait(false);
                return (null, ExitCodes.Failed);
            }

            return (await EmbeddedEngine.StartAsync(storage, log, settings, cancellationToken).ConfigureAwait(false), ExitCodes.Success);
        }
        catch (Exception e) when (StartupErrors.Describe(e, settings) is { Count: > 0 } lines)
        {
            return (null, await WriteSettingsProblemsAsync(lines, error).ConfigureAwait(false));
        }
        catch (Exception e) when (kind == EngineKind.DurableFunctions && StorageFailure(e) is { } failure)
        {
            await error.WriteLineAsync($"planfunctions: --storage: the storage account did not answer: {failure.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return (null, ExitCodes.Failed);
        }
        catch (FormatException e) when (kind == EngineKind.DurableFunctions)
        {
            // The storage client's own reading of the connection string.
            await error.WriteLineAsync($"planfunctions: --storage: the connection string cannot be read ({e.Message.ReplaceLineEndings(" ")})").ConfigureAwait(false);
            return (null, ExitCodes.Failed);
        }
    }

    /// <summary>Reads the settings from the current folder and the environment; on a problem, writes it and returns exit code 3.</summary>
    public static async Task<(IConfigurationRoot? Settings, int ExitCode)> ReadSettingsAsync(TextWriter error)
    {
        try
        {
            return (EngineConfiguration.Read(Directory.GetCurrentDirectory()), ExitCodes.Success);
        }
        catch (Exception e) when (StartupErrors.Describe(e) is { Count: > 0 } lines)
        {
            return (null, await WriteSettingsProblemsAsync(lines, error).ConfigureAwait(false));
        }
    }

    /// <summary>The storage service's own failure inside what starting the engine threw, if it is one.</summary>
    private static Azure.RequestFailedException? StorageFailure(Exception exception) => exception switch
    {
        Azure.RequestFailedException failed => failed,
        AggregateException aggregate => aggregate.InnerExceptions.Select(StorageFailure).FirstOrDefault(found => found is not null),
        _ => exception.InnerException is { } inner ? StorageFailure(inner) : null,
    };

    private static async Task<int> WriteSettingsProblemsAsync(IReadOnlyList<string> problems, TextWriter error)
    {
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"planfunctions: {problem}").ConfigureAwait(false);
        }

        return ExitCodes.BadSettings;
    }
}
