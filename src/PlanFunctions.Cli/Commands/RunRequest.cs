using PlanFunctions.Cli.Engine;

namespace PlanFunctions.Cli.Commands;

/// <summary>What <c>planfunctions run</c> was asked.</summary>
/// <param name="File">The plan file.</param>
/// <param name="Json">Whether to print the final status document alone.</param>
/// <param name="Engine">The engine to run on.</param>
/// <param name="StorageConnection">The storage account's connection string, or <see langword="null"/>.</param>
/// <param name="InstanceId">The instance id to run (or resume) under, or <see langword="null"/> for a new one.</param>
internal sealed record RunRequest(FileInfo File, bool Json, EngineKind Engine, string? StorageConnection, string? InstanceId);
