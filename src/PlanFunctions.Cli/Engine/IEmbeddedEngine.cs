using PlanFunctions.Client;

namespace PlanFunctions.Cli.Engine;

/// <summary>An engine running inside the command line's process; disposing it stops it.</summary>
internal interface IEmbeddedEngine : IAsyncDisposable
{
    /// <summary>The client runs are started, watched, rewound and cancelled through.</summary>
    PlanFunctionsClient Client { get; }
}
