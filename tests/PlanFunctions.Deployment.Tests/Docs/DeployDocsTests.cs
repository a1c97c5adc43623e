using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlanFunctions.Deployment.Tests.Bicep;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Docs;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed partial class DeployDocsTests(CompiledInfrastructure infra)
{
    private readonly string _deployDoc = Repository.Read("docs/deploy.md");

    [Fact]
    public void Every_setting_the_deployment_gives_the_Functions_app_is_explained()
    {
        var settings = FunctionAppTemplateTests.SettingNames(infra);

        Assert.NotEmpty(settings);
        Assert.All(settings, name => Assert.Contains($"`{name}`", _deployDoc, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_the_deployment_gives_the_Orleans_host_is_explained()
    {
        var settings = OrleansHostTemplateTests.SettingNames(infra);

        Assert.NotEmpty(settings);
        Assert.All(settings, name => Assert.Contains($"`{name}`", _deployDoc, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_parameter_of_the_templates_is_explained()
    {
        var parameters = infra.EntryPoints.SelectMany(template => template.Root.Template["parameters"]!.AsObject().Select(pair => pair.Key))
            .Distinct().ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, name => Assert.Contains($"`{name}`", _deployDoc, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_azd_environment_value_the_parameters_read_is_explained()
    {
        var variables = ((string[])["infra/main.parameters.json", "infra/orleans.parameters.json"])
            .SelectMany(file => AzdVariable().Matches(Repository.Read(file)))
            .Select(match => match.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(variables);
        Assert.All(variables, name => Assert.Contains($"`{name}`", _deployDoc, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_of_the_image_is_explained()
    {
        var dockerfile = Repository.Read("Dockerfile");
        var names = ImageSetting().Matches(dockerfile).Select(match => match.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains($"`{name}`", _deployDoc, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)")]
    private static partial Regex AzdVariable();

    // The NAME=value pairs of the Dockerfile's ENV instruction.
    [GeneratedRegex(@"(?m)^(?:ENV\s+|\s+)(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex ImageSetting();
}
