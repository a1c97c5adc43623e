namespace PlanFunctions.Deployment.Tests.Docker;

/// <summary>One instruction of a Dockerfile, continuation lines joined.</summary>
/// <param name="Keyword">The instruction in upper case: FROM, COPY, RUN, ...</param>
/// <param name="Arguments">Everything after the keyword.</param>
/// <param name="Stage">The index of the stage it belongs to, from 0.</param>
public sealed record DockerInstruction(string Keyword, string Arguments, int Stage);
