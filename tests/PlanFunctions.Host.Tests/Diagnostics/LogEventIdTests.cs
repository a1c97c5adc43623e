using System.Reflection;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Host.Tests.Diagnostics;

/// <summary>Log event ids are one registry: unique, inside their project's range, and used by every log message.</summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(PlanFunctionsHost).Assembly,
        typeof(Runtime.Hosting.PlanFunctionsRuntimeOptions).Assembly,
        typeof(Tools.Registry.ToolRegistry).Assembly,
        typeof(LogEventIds).Assembly,
        typeof(global::PlanFunctions.DurableTask.PlanFunctionsTaskNames).Assembly,
        typeof(global::PlanFunctions.DurableTask.AzureStorage.LocalDurableTaskRunner).Assembly,
        typeof(global::PlanFunctions.Functions.Http.PlanStarterFunctions).Assembly,
    ];

    [Fact]
    public void Every_id_is_unique_and_inside_the_range_of_its_project()
    {
        var ranges = typeof(LogEventIds).GetNestedTypes().Select(project => (
            Project: project.Name,
            First: Constant(project, "First"),
            Last: Constant(project, "Last"),
            Ids: project.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(field => field.IsLiteral && field.Name is not ("First" or "Last"))
                .Select(field => (Name: field.Name, Id: (int)field.GetRawConstantValue()!))
                .ToList())).ToList();

        Assert.All(ranges, range => Assert.All(range.Ids, id =>
            Assert.True(id.Id > range.First && id.Id <= range.Last, $"{range.Project}.{id.Name} = {id.Id} is outside {range.First}-{range.Last}")));
        var ordered = ranges.OrderBy(range => range.First).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].First > ordered[i - 1].Last, $"the ranges of {ordered[i - 1].Project} and {ordered[i].Project} overlap");
        }

        var duplicates = ranges.SelectMany(range => range.Ids.Select(id => (Name: $"{range.Project}.{id.Name}", id.Id)))
            .GroupBy(id => id.Id).Where(group => group.Count() > 1).Select(group => string.Join(" = ", group.Select(id => id.Name)));
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_log_message_has_an_id_of_the_registry_and_no_two_share_one()
    {
        var registered = typeof(LogEventIds).GetNestedTypes()
            .SelectMany(project => project.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.Name is not ("First" or "Last"))
            .Select(field => (int)field.GetRawConstantValue()!)
            .ToHashSet();
        var messages = Assemblies
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.FullName}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(message => message.Attribute is not null)
            .ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, message => Assert.True(
            registered.Contains(message.Attribute!.EventId),
            $"{message.Method} has event id {message.Attribute.EventId}, which is not in LogEventIds"));
        var shared = messages.GroupBy(message => message.Attribute!.EventId).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(message => message.Method))}");
        Assert.Empty(shared);
    }

    private static int Constant(Type type, string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
}
