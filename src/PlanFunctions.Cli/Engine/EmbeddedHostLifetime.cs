using Microsoft.Extensions.Hosting;

namespace PlanFunctions.Cli.Engine;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM alone: the <c>run</c> command turns the first Ctrl+C into a
/// <c>cancel</c> event and must keep the engine up while the run winds down, which the console lifetime would not.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
