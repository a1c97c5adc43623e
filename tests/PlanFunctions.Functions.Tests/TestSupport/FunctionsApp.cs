using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanFunctions.Functions.Hosting;

namespace PlanFunctions.Functions.Tests.TestSupport;

/// <summary>
/// The worker as <c>Program</c> builds it (never started: only a Functions host can start it), with settings added
/// over <c>host.json</c>; function classes are made from its services as the worker makes them.
/// </summary>
internal sealed class FunctionsApp : IDisposable
{
    private readonly IHost _host;

    public FunctionsApp(IDictionary<string, string?>? settings = null) =>
        _host = PlanFunctionsApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));

    public IServiceProvider Services => _host.Services;

    /// <summary>A function class, its constructor's arguments from the worker's services.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_host.Services);

    public void Dispose() => _host.Dispose();
}
