using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Runtime.Storage;

/// <summary>Fills a missing connection string from the <c>AzureWebJobsStorage</c> configuration value.</summary>
/// <remarks>A post-configuration, so a connection string set in code always wins.</remarks>
internal sealed class AzureTableStorageOptionsConfigurator(IServiceProvider services) : IPostConfigureOptions<AzureTableStorageOptions>
{
    public void PostConfigure(string? name, AzureTableStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var configuration = services.GetService<IConfiguration>();
            options.ConnectionString = configuration?[AzureTableStorageOptions.ConnectionStringConfigurationKey];
        }
    }
}
