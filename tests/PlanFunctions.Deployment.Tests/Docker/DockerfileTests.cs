using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Docker;

public sealed class DockerfileTests
{
    private const string HostProject = "src/PlanFunctions.Host/PlanFunctions.Host.csproj";
    private static readonly TimeSpan CheckDeadline = TimeSpan.FromSeconds(30);

    private readonly Dockerfile _dockerfile = Dockerfile.Parse(Repository.Read("Dockerfile"));

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime_only()
    {
        Assert.Equal(2, _dockerfile.Stages.Count);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", _dockerfile.Stages[0].Arguments);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0( AS \w+)?$", _dockerfile.Stages[1].Arguments);
        Assert.Contains(_dockerfile.FinalStage, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void Restores_and_publishes_the_host_with_the_central_package_versions()
    {
        var build = _dockerfile.Instructions.Where(i => i.Stage == 0).ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains($"dotnet restore {HostProject}", StringComparison.Ordinal));
        var publish = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains($"dotnet publish {HostProject}", StringComparison.Ordinal));
        Assert.True(restore >= 0 && publish > restore, "the build stage restores, then publishes, the host");

        // Everything restore reads must be in the image before it runs.
        var copiedBeforeRestore = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => Sources(i.Arguments)).ToHashSet();
        foreach (var needed in ((string[])["global.json", "Directory.Build.props", "Directory.Packages.props"]).Concat(ProjectsOf(HostProject)))
        {
            Assert.Contains(needed, copiedBeforeRestore);
        }
    }

    [Fact]
    public void Every_file_it_copies_from_the_repository_exists_and_is_not_ignored()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = _dockerfile.Instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from=", StringComparison.Ordinal))
            .SelectMany(i => Sources(i.Arguments)).ToList();

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = Repository.PathOf(source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: there is no such file");
            Assert.DoesNotContain(ignored, pattern => pattern.TrimEnd('/') == source.TrimEnd('/')
                || source.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Runs_as_a_user_other_than_root()
    {
        var user = Assert.Single(_dockerfile.FinalStage, i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch(@"^(root|0)(:.*)?$", user);
    }

    [Fact]
    public void Exposes_http_and_the_Orleans_ports_and_listens_on_every_interface()
    {
        var exposed = _dockerfile.FinalStage.Where(i => i.Keyword == "EXPOSE")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        Assert.Superset(new HashSet<string> { "8080", "11111", "30000" }, exposed);

        var environment = string.Join(' ', _dockerfile.FinalStage.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", environment, StringComparison.Ordinal);
    }

    [Fact]
    public void Starts_the_host_assembly_in_exec_form_so_that_it_gets_SIGTERM()
    {
        var entryPoint = Assert.Single(_dockerfile.FinalStage, i => i.Keyword == "ENTRYPOINT").Arguments;
        var command = JsonSerializer.Deserialize<string[]>(entryPoint)!;
        Assert.Equal(["dotnet", $"{Path.GetFileNameWithoutExtension(HostProject)}.dll"], command);
    }

    [Fact]
    public async Task Health_check_passes_when_api_health_answers_200()
    {
        await using var host = new LoopbackHealthEndpoint(HttpStatusCode.OK);

        var result = await RunHealthCheckAsync(host.Port);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("GET /api/health HTTP/1.0", Assert.Single(host.RequestLines));
    }

    [Fact]
    public async Task Health_check_fails_when_api_health_answers_503()
    {
        await using var host = new LoopbackHealthEndpoint(HttpStatusCode.ServiceUnavailable);

        var result = await RunHealthCheckAsync(host.Port);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(host.RequestLines);
    }

    [Fact]
    public async Task Health_check_fails_when_nothing_listens()
    {
        int port;
        await using (var closed = new LoopbackHealthEndpoint(HttpStatusCode.OK))
        {
            port = closed.Port;
        }

        var result = await RunHealthCheckAsync(port);

        Assert.NotEqual(0, result.ExitCode);
    }

    // Runs the image's HEALTHCHECK command as the container would, with ASPNETCORE_URLS pointing at the port.
    private Task<ProcessResult> RunHealthCheckAsync(int port)
    {
        var healthCheck = Assert.Single(_dockerfile.FinalStage, i => i.Keyword == "HEALTHCHECK").Arguments;
        var command = JsonSerializer.Deserialize<string[]>(healthCheck[(healthCheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!;
        return ProcessRunner.RunAsync(command[0], command[1..], Repository.Root, CheckDeadline,
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://+:{port}" });
    }

    // The sources of a COPY: every argument but the options and the destination.
    private static IEnumerable<string> Sources(string arguments)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
        return parts.Take(parts.Count - 1);
    }

    // The project and every project it references, transitively, as repository paths.
    private static IEnumerable<string> ProjectsOf(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(Repository.PathOf(current)).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetRelativePath(Repository.Root, Repository.PathOf($"{directory}/{include}")).Replace('\\', '/'));
            }
        }

        return seen;
    }
}
