using PlanFunctions.Core.Completion;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>AI conditions and the final response through the grains, with a stand-in for Azure OpenAI.</summary>
public sealed class AiConditionThroughGrainsTests
{
    [Fact]
    public async Task An_AI_condition_is_asked_once_with_the_goal_and_dependency_outputs_and_decides_the_step()
    {
        var assistant = new StandInAssistant();
        await using var engine = await EngineCluster.StartAsync(services: s => s.AddSingleton<IRunAssistant>(assistant), assistant: assistant);

        var id = await engine.StartAsync("""
            { "name": "ai", "goal": "publish polite notes", "steps": [
                { "id": "draft", "tool": "echo", "parameters": { "text": "hello" } },
                { "id": "publish", "tool": "echo", "dependsOn": ["draft"], "condition": { "ai": "yes: is the draft polite?" } },
                { "id": "shout", "tool": "echo", "dependsOn": ["draft"], "condition": { "ai": "no: should we shout?" } } ] }
            """);
        var status = await engine.WaitForEndAsync(id);

        Assert.Equal(StepStatus.Succeeded, status.Output!.Steps["publish"].Status);
        Assert.Equal(StepStatus.Skipped, status.Output.Steps["shout"].Status);
        Assert.Equal(2, assistant.Questions.Count);
        Assert.All(assistant.Questions, q => Assert.Equal("publish polite notes", q.Goal));
        Assert.All(assistant.Questions, q => Assert.Equal("hello", q.DependencyOutputs["draft"].GetProperty("text").GetString()));
        Assert.Equal("written by the stand-in", status.Output.Response);
    }

    [Fact]
    public async Task Without_a_configured_model_a_plan_with_an_AI_condition_is_refused_at_submit_time()
    {
        await using var engine = await EngineCluster.StartAsync();

        var read = engine.Client.Validate("""{ "name": "ai", "steps": [ { "id": "a", "tool": "echo", "condition": { "ai": "go?" } } ] }"""u8.ToArray());

        var problem = Assert.Single(read.Problems);
        Assert.Equal("a", problem.StepId);
        Assert.Contains("Azure OpenAI", problem.Message, StringComparison.Ordinal);
    }

    private sealed class StandInAssistant : IRunAssistant
    {
        public List<EvaluateAiCondition> Questions { get; } = [];

        public bool IsConfigured => true;

        public Task<AiConditionAnswer> EvaluateConditionAsync(EvaluateAiCondition request, CancellationToken cancellationToken)
        {
            lock (Questions)
            {
                Questions.Add(request);
            }

            return Task.FromResult(new AiConditionAnswer(request.Question.StartsWith("yes", StringComparison.Ordinal), "stand-in"));
        }

        public Task<string> WriteResponseAsync(RunResponseRequest request, CancellationToken cancellationToken) =>
            Task.FromResult("written by the stand-in");
    }
}
