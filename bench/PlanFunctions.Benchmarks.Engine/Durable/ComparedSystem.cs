namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>One of the systems compared: starts a run of a shape (chain or fan-out) of a number of steps.</summary>
internal interface IComparedSystem : IAsyncDisposable
{
    string Name { get; }

    Task StartAsync(DurableShape shape, int steps);
}
