using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>
/// What the templates give the Orleans host on Container Apps (engine 'orleans'): read from the compiled infra/main.bicep,
/// where its modules are, deployed only with that engine.
/// </summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed partial class OrleansHostTemplateTests(CompiledInfrastructure infra)
{
    private const string ContainerApp = "Microsoft.App/containerApps";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    [Fact]
    public void Host_runs_at_least_two_replicas_whatever_the_parameters_say()
    {
        var (app, scope) = infra.Single(ContainerApp);
        var scale = app["properties"]!["template"]!["scale"]!;

        var minimum = scope.RootParameter(scale["minReplicas"]);
        Assert.NotNull(minimum);
        Assert.True((int)minimum["minValue"]! >= 2, "minReplicas may be set below 2");
        Assert.True((int)minimum["defaultValue"]! >= 2);

        var maximum = scope.RootParameter(scale["maxReplicas"]);
        Assert.NotNull(maximum);
        Assert.True((int)maximum["minValue"]! >= 2, "maxReplicas may be set below 2");
        Assert.True((int)maximum["defaultValue"]! >= (int)minimum["defaultValue"]!);
    }

    [Fact]
    public void Http_ingress_reaches_the_port_the_image_listens_on()
    {
        var (app, scope) = infra.Single(ContainerApp);
        var ingress = app["properties"]!["configuration"]!["ingress"]!;

        Assert.Equal(8080, (int)scope.Resolve(ingress["targetPort"])!);
        Assert.False((bool)ingress["allowInsecure"]!);
    }

    [Fact]
    public void Orleans_silo_and_gateway_ports_are_open_between_replicas_only()
    {
        var (app, scope) = infra.Single(ContainerApp);
        var mappings = app["properties"]!["configuration"]!["ingress"]!["additionalPortMappings"]!.AsArray()
            .Select(mapping => (
                Target: (int)scope.Resolve(mapping!["targetPort"])!,
                Exposed: (int)scope.Resolve(mapping["exposedPort"])!,
                External: (bool)mapping["external"]!))
            .ToList();

        Assert.Contains((11111, 11111, false), mappings);
        Assert.Contains((30000, 30000, false), mappings);
    }

    [Fact]
    public void Startup_readiness_and_liveness_probes_ask_api_health()
    {
        var (app, scope) = infra.Single(ContainerApp);
        var container = Assert.Single(app["properties"]!["template"]!["containers"]!.AsArray())!;
        var probeSets = Candidates(scope, container["probes"]).OfType<JsonArray>().ToList();

        var health = Assert.Single(probeSets, set => set.All(probe => probe?["httpGet"] is not null));
        foreach (var type in (string[])["Startup", "Readiness", "Liveness"])
        {
            var probe = Assert.Single(health, p => (string?)p!["type"] == type)!;
            Assert.Equal("/api/health", (string?)probe["httpGet"]!["path"]);
            Assert.Equal(8080, (int)scope.Resolve(probe["httpGet"]!["port"])!);
        }
    }

    [Fact]
    public void Host_runs_as_a_user_assigned_identity()
    {
        var (app, scope) = infra.Single(ContainerApp);
        Assert.Equal("UserAssigned", (string?)app["identity"]!["type"]);
        var identity = Assert.Single(app["identity"]!["userAssignedIdentities"]!.AsObject());
        // The key is an expression over a parameter, [format('{0}', parameters('identityId'))]: follow that parameter.
        var parameter = ParameterName().Match(identity.Key).Groups["name"].Value;
        var (traced, _) = scope.Trace(JsonValue.Create($"[parameters('{parameter}')]"));
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", (string?)traced, StringComparison.Ordinal);
        Assert.NotEmpty(infra.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [Fact]
    public void The_identity_holds_Storage_Table_Data_Contributor_on_the_storage_account()
    {
        var grants = infra.OfType("Microsoft.Authorization/roleAssignments")
            .Where(pair => pair.Scope.Inline((string)pair.Resource["properties"]!["roleDefinitionId"]!).Contains(StorageTableDataContributor, StringComparison.OrdinalIgnoreCase))
            .ToList();

        var (grant, scope) = Assert.Single(grants);
        Assert.Contains("Microsoft.Storage/storageAccounts", (string?)grant["scope"], StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)grant["properties"]!["principalType"]);
        var (principal, _) = scope.Trace(grant["properties"]!["principalId"]);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", (string?)principal, StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_go_to_Log_Analytics_and_telemetry_to_Application_Insights_on_it()
    {
        Assert.NotEmpty(infra.OfType("Microsoft.OperationalInsights/workspaces"));
        var (insights, _) = infra.Single("Microsoft.Insights/components");
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)insights["properties"]!["WorkspaceResourceId"], StringComparison.Ordinal);

        var (environment, _) = infra.Single("Microsoft.App/managedEnvironments");
        Assert.Equal("log-analytics", (string?)environment["properties"]!["appLogsConfiguration"]!["destination"]);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", SettingNames());
    }

    [Fact]
    public void Azure_OpenAI_is_created_only_when_a_parameter_asks_for_it()
    {
        var accounts = infra.OfType("Microsoft.CognitiveServices/accounts");
        var (_, scope) = Assert.Single(accounts);

        Assert.False(scope.IsUnconditional, "the Azure OpenAI account is always deployed");
        var condition = scope.Deployment!["condition"];
        var parameter = scope.Parent!.RootParameter(condition);
        Assert.NotNull(parameter);
        Assert.Equal("bool", (string?)parameter["type"]);
        Assert.False((bool)parameter["defaultValue"]!);
    }

    [Fact]
    public void Host_is_configured_to_cluster_on_Azure_Tables_with_fixed_Orleans_ports()
    {
        var settings = LiteralSettings();
        Assert.Equal("AzureTable", settings["PlanFunctions__Clustering__Mode"]);
        Assert.Contains("PlanFunctions__Clustering__ClusterId", SettingNames());
        Assert.Contains("PlanFunctions__Silo__SiloPort", SettingNames());
        Assert.Contains("PlanFunctions__Silo__GatewayPort", SettingNames());
    }

    [Fact]
    public void Storage_is_reached_by_connection_string_or_by_the_identity_as_Azure_Functions_names_it()
    {
        var names = SettingNames();
        Assert.Contains("AzureWebJobsStorage", names);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", names);
        Assert.Contains("AzureWebJobsStorage__clientId", names);
        Assert.Equal("managedidentity", LiteralSettings()["AzureWebJobsStorage__credential"]);
    }

    [Fact]
    public void Api_key_is_a_secret_of_at_least_16_characters()
    {
        // The Orleans entry point requires the key; main.bicep, whose default engine needs none, passes it through.
        var apiKey = infra.Orleans.Root.Template["parameters"]!["apiKey"]!;
        Assert.Equal("securestring", (string?)apiKey["type"]);
        Assert.True((int)apiKey["minLength"]! >= 16);
        Assert.Contains("createObject('name', 'PlanFunctions__ApiKey', 'secretRef', 'planfunctions-api-key')", HostEnvironment(), StringComparison.Ordinal);
        var (app, _) = infra.Single(ContainerApp);
        Assert.Contains("createObject('name', 'planfunctions-api-key', 'value', parameters('apiKey'))",
            (string?)app["properties"]!["configuration"]!["secrets"], StringComparison.Ordinal);
    }

    [Fact]
    public void Azd_finds_the_host_app_by_its_service_tag()
    {
        var (app, _) = infra.Single(ContainerApp);
        Assert.Contains("'azd-service-name', 'host'", (string?)app["tags"], StringComparison.Ordinal);
        var outputs = infra.Orleans.Root.Template["outputs"]!.AsObject();
        Assert.True(outputs.ContainsKey("AZURE_CONTAINER_REGISTRY_ENDPOINT"), "azd needs the registry to push the image to");
        Assert.True(outputs.ContainsKey("SERVICE_HOST_URI"));
    }

    /// <summary>The names of every environment variable the host's container may get.</summary>
    internal static IReadOnlySet<string> SettingNames(CompiledInfrastructure infra) =>
        SettingName().Matches(HostEnvironment(infra)).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    private IReadOnlySet<string> SettingNames() => SettingNames(infra);

    private Dictionary<string, string> LiteralSettings() =>
        LiteralSetting().Matches(HostEnvironment()).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value);

    private string HostEnvironment() => HostEnvironment(infra);

    // The container's env is one ARM expression (Bicep compiles the settings' concatenation to createObject calls).
    private static string HostEnvironment(CompiledInfrastructure infra)
    {
        var (app, scope) = infra.Single(ContainerApp);
        var container = app["properties"]!["template"]!["containers"]![0]!;
        return scope.Inline((string)container["env"]!);
    }

    // The values an `if(...)` over variables may take: each variable the expression names.
    private static IEnumerable<JsonNode?> Candidates(ArmScope scope, JsonNode? value) =>
        value is JsonValue text && text.TryGetValue<string>(out var expression)
            ? VariableName().Matches(expression).Select(match => scope.Template["variables"]?[match.Groups["name"].Value])
            : [value];

    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', '(?:value|secretRef)'")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', 'value', '(?<value>[^']*)'\)")]
    private static partial Regex LiteralSetting();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterName();
}
