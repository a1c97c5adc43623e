using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Http;
using PlanFunctions.Tools.Registry;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.Http;

/// <summary>The http tool as the engine gets it: from AddPlanFunctionsTools, with every log line kept, options and resolver as the test says.</summary>
internal sealed class HttpToolHost : IDisposable
{
    private readonly ServiceProvider _services;

    public HttpToolHost(int maxResponseBytes = 1024 * 1024, Action<HttpToolOptions>? configure = null, IHttpHostResolver? resolver = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        _services = services
            .AddPlanFunctionsTools()
            .Configure<HttpToolOptions>(options =>
            {
                options.MaxResponseBytes = maxResponseBytes;
                configure?.Invoke(options);
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.True(_services.GetRequiredService<ToolRegistry>().TryGetTool("http", out var tool));
        Tool = tool;
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public IPlanTool Tool { get; }

    public void Dispose() => _services.Dispose();
}
