using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// Fills a missing connection from configuration as Azure Functions reads <c>AzureWebJobsStorage</c>: a connection
/// string, or an identity-based connection (<c>AzureWebJobsStorage:tableServiceUri</c> or <c>:accountName</c>, and
/// <c>:clientId</c> for a user-assigned managed identity).
/// </summary>
/// <remarks>A post-configuration, so a connection string set in code always wins.</remarks>
internal sealed class AzureTableStorageOptionsConfigurator(IServiceProvider services) : IPostConfigureOptions<AzureTableStorageOptions>
{
    public void PostConfigure(string? name, AzureTableStorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) || options.TableServiceUri is not null)
        {
            return;
        }

        var configuration = services.GetService<IConfiguration>();
        options.ConnectionString = configuration?[AzureTableStorageOptions.ConnectionStringConfigurationKey];
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && configuration is not null)
        {
            var identity = configuration.GetSection(AzureTableStorageOptions.ConnectionStringConfigurationKey);
            options.TableServiceUri = AzureTableStorageOptions.TableServiceUriFrom(identity);
            options.ClientId ??= identity["clientId"];
        }
    }
}
