using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Azd;

public sealed class AzureYamlTests
{
    private readonly IReadOnlyDictionary<string, string> _azureYaml = SimpleYaml.Read(Repository.Read("azure.yaml"));

    [Fact]
    public void Names_the_application()
    {
        Assert.Matches("^[a-z][a-z0-9-]*$", _azureYaml["name"]);
    }

    [Fact]
    public void Deploys_the_host_project_to_Container_Apps_as_a_dotnet_service()
    {
        Assert.Equal("containerapp", _azureYaml["services.host.host"]);
        Assert.Equal("dotnet", _azureYaml["services.host.language"]);
        var project = Repository.PathOf(_azureYaml["services.host.project"]);
        Assert.True(File.Exists(Path.Combine(project, "PlanFunctions.Host.csproj")), $"{project} holds no PlanFunctions.Host.csproj");
    }

    [Fact]
    public void Builds_the_repository_Dockerfile_with_the_repository_as_context()
    {
        // azd reads docker.path and docker.context relative to the service's project folder.
        var project = _azureYaml["services.host.project"];
        var dockerfile = Path.GetFullPath(Path.Combine(Repository.PathOf(project), _azureYaml["services.host.docker.path"]));
        var context = Path.GetFullPath(Path.Combine(Repository.PathOf(project), _azureYaml["services.host.docker.context"]));

        Assert.Equal(Repository.PathOf("Dockerfile"), dockerfile);
        Assert.Equal(Repository.Root.TrimEnd(Path.DirectorySeparatorChar), context.TrimEnd(Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Provisions_the_Bicep_entry_point_with_its_parameters_file()
    {
        Assert.Equal("bicep", _azureYaml["infra.provider"]);
        var infra = _azureYaml["infra.path"];
        var module = _azureYaml["infra.module"];
        Assert.True(File.Exists(Repository.PathOf($"{infra}/{module}.bicep")));
        Assert.True(File.Exists(Repository.PathOf($"{infra}/{module}.parameters.json")));
    }

    [Fact]
    public void Reader_rejects_what_it_does_not_understand_naming_each_line()
    {
        var problem = Assert.Throws<FormatException>(() => SimpleYaml.Read("name: x\nservices:\n  - host\n  bad line\n"));

        Assert.Contains("line 3", problem.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", problem.Message, StringComparison.Ordinal);
    }
}
