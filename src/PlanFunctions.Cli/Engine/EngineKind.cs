namespace PlanFunctions.Cli.Engine;

/// <summary>The engines the command line can run a plan on, as <c>--engine</c> names them.</summary>
internal enum EngineKind
{
    /// <summary><c>orleans</c>: the self-hosted service's engine, one silo in this process; the default.</summary>
    Orleans,

    /// <summary><c>durable-functions</c>: the Functions app's orchestrator, activities and entities in this process, on the Durable Task Azure Storage backend.</summary>
    DurableFunctions,
}
