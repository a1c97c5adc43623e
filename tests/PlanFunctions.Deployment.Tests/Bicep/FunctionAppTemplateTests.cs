using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>What infra/main.bicep gives the Durable Functions app: read from the compiled template.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed partial class FunctionAppTemplateTests(CompiledInfrastructure infra)
{
    private const string Site = "Microsoft.Web/sites";
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    private static readonly JsonNode HostJson = JsonNode.Parse(Repository.Read("src/PlanFunctions.Functions/host.json"))!;

    [Fact]
    public void Runs_on_a_Flex_Consumption_plan_on_Linux()
    {
        var (plan, _) = infra.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!, "Flex Consumption runs on Linux only");

        var (app, _) = infra.Single(Site);
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        Assert.Contains("Microsoft.Web/serverfarms", (string?)app["properties"]!["serverFarmId"], StringComparison.Ordinal);
        Assert.True((bool)app["properties"]!["httpsOnly"]!);
    }

    [Fact]
    public void Runs_the_isolated_worker_on_the_dotnet_version_the_app_targets()
    {
        var (app, scope) = infra.Single(Site);
        var runtime = app["properties"]!["functionAppConfig"]!["runtime"]!;
        var targetFramework = TargetFramework().Match(Repository.Read("Directory.Build.props")).Groups["version"].Value;

        Assert.Equal("dotnet-isolated", (string?)scope.Resolve(runtime["name"]));
        Assert.Equal(targetFramework, (string?)scope.Resolve(runtime["version"]));

        // Flex Consumption takes the worker runtime from functionAppConfig and refuses these as app settings.
        var names = Settings().Select(setting => setting.Name).ToList();
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", names);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", names);
    }

    [Fact]
    public void Reaches_its_storage_with_the_user_assigned_identity_as_the_Functions_host_names_it()
    {
        var settings = Settings();
        var (app, scope) = infra.Single(Site);

        Assert.DoesNotContain(settings, setting => setting.Name == "AzureWebJobsStorage");
        Assert.Equal("managedidentity", (string?)settings.Value("AzureWebJobsStorage__credential"));
        foreach (var service in (string[])["blob", "queue", "table"])
        {
            var (uri, _) = scope.Trace(settings.Value($"AzureWebJobsStorage__{service}ServiceUri"));
            Assert.Contains($"outputs.{service}Endpoint.value", (string?)uri, StringComparison.Ordinal);
            Assert.Contains("'storage'", (string?)uri, StringComparison.Ordinal);
        }

        var (clientId, _) = scope.Trace(settings.Value("AzureWebJobsStorage__clientId"));
        Assert.Contains(Identity, (string?)clientId, StringComparison.Ordinal);
        Assert.EndsWith(".clientId]", (string?)clientId, StringComparison.Ordinal);
        Assert.Equal((string?)clientId, (string?)scope.Trace(settings.Value("AZURE_CLIENT_ID")).Value);

        // The identity the settings name is the app's only identity.
        Assert.Equal("UserAssigned", (string?)app["identity"]!["type"]);
        var (identity, _) = scope.Trace(JsonValue.Create($"[parameters('{ParameterName().Match(Assert.Single(app["identity"]!["userAssignedIdentities"]!.AsObject()).Key).Groups["name"].Value}')]"));
        Assert.Contains(Identity, (string?)identity, StringComparison.Ordinal);
    }

    [Fact]
    public void The_task_hub_is_on_AzureWebJobsStorage_as_host_json_says()
    {
        var storageProvider = HostJson["extensions"]!["durableTask"]!["storageProvider"]!;

        Assert.Equal("AzureStorage", (string?)storageProvider["type"]);
        // No other connection is named, so the backend uses AzureWebJobsStorage: the settings above.
        Assert.Null(storageProvider["connectionName"]);
        Assert.Null(storageProvider["connectionStringName"]);
    }

    [Fact]
    public void Hub_name_and_partitions_come_from_parameters_for_the_Functions_host_and_the_worker()
    {
        var settings = Settings();
        var (_, scope) = infra.Single(Site);
        var durableTask = HostJson["extensions"]!["durableTask"]!;

        var hubName = infra.Root.Template["parameters"]!["hubName"]!;
        Assert.Same(hubName, scope.RootParameter(settings.Value("AzureFunctionsJobHost__extensions__durableTask__hubName")));
        Assert.Same(hubName, scope.RootParameter(settings.Value("extensions__durableTask__hubName")));
        Assert.Equal((string?)durableTask["hubName"], (string?)hubName["defaultValue"]);
        // The Azure Storage backend's rule for task hub names: 3 to 45 characters.
        Assert.Equal(3, (int)hubName["minLength"]!);
        Assert.Equal(45, (int)hubName["maxLength"]!);

        var partitions = settings.Value("AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount");
        var parameter = Assert.Single(ParameterName().Matches((string)partitions!)).Groups["name"].Value;
        var partitionCount = infra.Root.Template["parameters"]!["partitionCount"]!;
        Assert.Same(partitionCount, scope.RootParameter(JsonValue.Create($"[parameters('{parameter}')]")));
        Assert.Equal((int)durableTask["storageProvider"]!["partitionCount"]!, (int)partitionCount["defaultValue"]!);
        Assert.Equal(16, (int)partitionCount["maxValue"]!);
    }

    [Fact]
    public void The_identity_holds_the_blob_queue_and_table_roles_of_the_task_hub_on_the_storage_account()
    {
        foreach (var role in (string[])[StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor])
        {
            var (grant, scope) = Assert.Single(infra.OfType("Microsoft.Authorization/roleAssignments"),
                pair => pair.Scope.Inline((string)pair.Resource["properties"]!["roleDefinitionId"]!).Contains(role, StringComparison.OrdinalIgnoreCase));

            Assert.Contains(StorageAccount, (string?)grant["scope"], StringComparison.Ordinal);
            Assert.Equal("ServicePrincipal", (string?)grant["properties"]!["principalType"]);
            var (principal, _) = scope.Trace(grant["properties"]!["principalId"]);
            Assert.Contains(Identity, (string?)principal, StringComparison.Ordinal);
            if (grant["condition"] is { } condition)
            {
                // Blobs and queues only for the Functions app: passed as the engine's switch.
                var (passed, _) = scope.Trace(condition);
                Assert.Equal("[variables('functions')]", (string?)passed);
            }
        }
    }

    [Fact]
    public void No_account_key_is_used_or_allowed_for_the_Functions_app()
    {
        var (account, storageScope) = infra.Single(StorageAccount);
        var (allowed, _) = storageScope.Trace(account["properties"]!["allowSharedKeyAccess"]);
        // Keys only for the Orleans host that asks for a connection string; never with the Functions engine.
        Assert.Equal("[and(variables('orleans'), equals(parameters('storageAuthentication'), 'ConnectionString'))]", (string?)allowed);

        var (_, siteScope) = infra.Single(Site);
        foreach (var scope in (ArmScope[])[siteScope, storageScope])
        {
            var text = scope.Template.ToJsonString();
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        }

        // The only keys read anywhere are the Orleans host's, in a module deployed with that engine only.
        foreach (var scope in infra.Root.SelfAndDescendants().Where(s => OwnText(s).Contains("listKeys", StringComparison.Ordinal)))
        {
            Assert.True(scope.Deployment is not null && !scope.IsUnconditional,
                "keys are read in a template deployed whatever the engine");
            Assert.Contains(scope.SelfAndAncestors(), s => (string?)s.Deployment?["condition"] == "[variables('orleans')]");
        }
    }

    [Fact]
    public void The_deployment_package_goes_to_a_blob_container_of_the_account_reached_with_the_identity()
    {
        var (app, scope) = infra.Single(Site);
        var storage = app["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Contains("outputs.deploymentContainerUrl.value", (string?)scope.Trace(storage["value"]).Value, StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Contains(Identity, (string?)scope.Trace(storage["authentication"]!["userAssignedIdentityResourceId"]).Value, StringComparison.Ordinal);

        var (container, containerScope) = infra.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
        // Only with the Functions engine: the container's name is passed as app-package-... then, empty otherwise.
        var passed = containerScope.Deployment!["properties"]!["parameters"]!["deploymentContainerName"];
        var name = passed is JsonObject wrapper ? (string?)wrapper["value"] : (string?)passed;
        Assert.Contains("if(variables('functions'), createObject('value', format('app-package-", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Telemetry_goes_to_Application_Insights_on_Log_Analytics()
    {
        var settings = Settings();
        var (_, scope) = infra.Single(Site);

        var (connection, _) = scope.Trace(settings.Value("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Contains("'monitoring'", (string?)connection, StringComparison.Ordinal);
        Assert.Contains("outputs.applicationInsightsConnectionString.value", (string?)connection, StringComparison.Ordinal);

        var (insights, monitoring) = infra.Single("Microsoft.Insights/components");
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)insights["properties"]!["WorkspaceResourceId"], StringComparison.Ordinal);
        var output = (string?)monitoring.Template["outputs"]!["applicationInsightsConnectionString"]!["value"];
        Assert.Contains("Microsoft.Insights/components", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionString", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_out_and_instance_memory_are_parameters_within_what_Flex_Consumption_takes()
    {
        var (app, scope) = infra.Single(Site);
        var scale = app["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;

        var maximum = scope.RootParameter(scale["maximumInstanceCount"]);
        Assert.NotNull(maximum);
        Assert.Equal(1000, (int)maximum["maxValue"]!);
        Assert.Equal(100, (int)maximum["defaultValue"]!);

        var memory = scope.RootParameter(scale["instanceMemoryMB"]);
        Assert.NotNull(memory);
        Assert.Equal([512, 2048, 4096], memory["allowedValues"]!.AsArray().Select(value => (int)value!));
        Assert.Equal(2048, (int)memory["defaultValue"]!);
    }

    [Fact]
    public void Azd_finds_the_app_by_the_service_name_azure_yaml_gives_it()
    {
        var (app, _) = infra.Single(Site);
        var services = Azd.SimpleYaml.Read(Repository.Read("azure.yaml"))
            .Where(pair => pair.Key.StartsWith("services.", StringComparison.Ordinal) && pair.Key.EndsWith(".host", StringComparison.Ordinal))
            .ToList();
        var service = Assert.Single(services);
        Assert.Equal("function", service.Value);
        var name = service.Key["services.".Length..^".host".Length];

        Assert.Contains($"'azd-service-name', '{name}'", (string?)app["tags"], StringComparison.Ordinal);
        Assert.True(infra.Root.Template["outputs"]!.AsObject().ContainsKey($"SERVICE_{name.ToUpperInvariant()}_URI"));
    }

    [Fact]
    public void Azure_OpenAI_settings_are_given_only_with_the_account()
    {
        var settings = Settings();
        var (_, scope) = infra.Single(Site);

        var endpoint = scope.RootParameter(settings.Value("AzureOpenAI__Endpoint"));
        Assert.Null(endpoint); // an output of the conditional account, or empty: never a parameter to fill in
        var openAiSettings = (string?)scope.Template["variables"]!["openAiSettings"];
        Assert.StartsWith("[if(empty(parameters('openAiEndpoint')), createArray(),", openAiSettings, StringComparison.Ordinal);
        var (passed, _) = scope.Trace(JsonValue.Create("[parameters('openAiEndpoint')]"));
        Assert.StartsWith("[if(parameters('deployAzureOpenAI'),", (string?)passed, StringComparison.Ordinal);
    }

    // A template's text without the templates of the deployments it declares.
    private static string OwnText(ArmScope scope)
    {
        var template = scope.Template.DeepClone().AsObject();
        var resources = template["resources"] is JsonArray list ? list.OfType<JsonObject>() : [];
        foreach (var resource in resources.Where(r => (string?)r["type"] == "Microsoft.Resources/deployments"))
        {
            resource["properties"]!.AsObject().Remove("template");
        }

        return template.ToJsonString();
    }

    /// <summary>The names of every app setting the Function App may get.</summary>
    internal static IReadOnlySet<string> SettingNames(CompiledInfrastructure infra) =>
        Settings(infra).Select(setting => setting.Name).ToHashSet(StringComparer.Ordinal);

    private IReadOnlyList<(string Name, JsonNode? Value)> Settings() => Settings(infra);

    private static IReadOnlyList<(string Name, JsonNode? Value)> Settings(CompiledInfrastructure infra)
    {
        var (app, scope) = infra.Single(Site);
        return AppSettings.Read(scope, app["properties"]!["siteConfig"]!["appSettings"]);
    }

    [GeneratedRegex(@"<TargetFramework>net(?<version>[0-9.]+)</TargetFramework>")]
    private static partial Regex TargetFramework();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterName();
}
