using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Azd;

/// <summary>
/// The two azd projects: azure.yaml at the root (the Durable Functions app, what `azd up` deploys by default) and
/// deploy/orleans/azure.yaml (the Orleans host on Container Apps).
/// </summary>
public sealed class AzureYamlTests
{
    private const string OrleansProject = "deploy/orleans";

    private readonly IReadOnlyDictionary<string, string> _azureYaml = SimpleYaml.Read(Repository.Read("azure.yaml"));
    private readonly IReadOnlyDictionary<string, string> _orleansYaml = SimpleYaml.Read(Repository.Read($"{OrleansProject}/azure.yaml"));

    [Fact]
    public void Names_each_application()
    {
        Assert.Matches("^[a-z][a-z0-9-]*$", _azureYaml["name"]);
        Assert.Matches("^[a-z][a-z0-9-]*$", _orleansYaml["name"]);
        Assert.NotEqual(_azureYaml["name"], _orleansYaml["name"]);
    }

    [Fact]
    public void Deploys_the_Functions_project_to_a_Function_App_by_default_and_nothing_else()
    {
        var hosts = _azureYaml.Where(pair => pair.Key.StartsWith("services.", StringComparison.Ordinal) && pair.Key.EndsWith(".host", StringComparison.Ordinal));
        Assert.Equal("services.functions.host", Assert.Single(hosts).Key);

        Assert.Equal("function", _azureYaml["services.functions.host"]);
        Assert.Equal("dotnet", _azureYaml["services.functions.language"]);
        var project = Repository.PathOf(_azureYaml["services.functions.project"]);
        Assert.True(File.Exists(Path.Combine(project, "PlanFunctions.Functions.csproj")), $"{project} holds no PlanFunctions.Functions.csproj");
        Assert.True(File.Exists(Path.Combine(project, "host.json")), $"{project} holds no host.json");
    }

    [Fact]
    public void The_Orleans_project_deploys_the_host_project_to_Container_Apps_as_a_dotnet_service()
    {
        Assert.Equal("containerapp", _orleansYaml["services.host.host"]);
        Assert.Equal("dotnet", _orleansYaml["services.host.language"]);
        var project = Repository.PathOf($"{OrleansProject}/{_orleansYaml["services.host.project"]}");
        Assert.True(File.Exists(Path.Combine(project, "PlanFunctions.Host.csproj")), $"{project} holds no PlanFunctions.Host.csproj");
    }

    [Fact]
    public void The_Orleans_project_builds_the_repository_Dockerfile_with_the_repository_as_context()
    {
        // azd reads docker.path and docker.context relative to the service's project folder.
        var project = Repository.PathOf($"{OrleansProject}/{_orleansYaml["services.host.project"]}");
        var dockerfile = Path.GetFullPath(Path.Combine(project, _orleansYaml["services.host.docker.path"]));
        var context = Path.GetFullPath(Path.Combine(project, _orleansYaml["services.host.docker.context"]));

        Assert.Equal(Repository.PathOf("Dockerfile"), dockerfile);
        Assert.Equal(Repository.Root.TrimEnd(Path.DirectorySeparatorChar), context.TrimEnd(Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Each_project_provisions_its_Bicep_entry_point_with_its_parameters_file()
    {
        foreach (var (folder, yaml, module) in (ReadOnlySpan<(string, IReadOnlyDictionary<string, string>, string)>)[
            (".", _azureYaml, "main"),
            (OrleansProject, _orleansYaml, "orleans")])
        {
            Assert.Equal("bicep", yaml["infra.provider"]);
            Assert.Equal(module, yaml["infra.module"]);
            var infra = Repository.PathOf($"{folder}/{yaml["infra.path"]}");
            Assert.Equal(Repository.PathOf("infra"), infra);
            Assert.True(File.Exists(Path.Combine(infra, $"{module}.bicep")));
            Assert.True(File.Exists(Path.Combine(infra, $"{module}.parameters.json")));
        }
    }

    [Fact]
    public void Reader_rejects_what_it_does_not_understand_naming_each_line()
    {
        var problem = Assert.Throws<FormatException>(() => SimpleYaml.Read("name: x\nservices:\n  - host\n  bad line\n"));

        Assert.Contains("line 3", problem.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", problem.Message, StringComparison.Ordinal);
    }
}
