namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>Where the engine keeps its state in a measurement.</summary>
internal enum EngineStorage
{
    Memory,
    Azurite,
}
