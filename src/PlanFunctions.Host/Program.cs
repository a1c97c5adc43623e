using PlanFunctions.Host;

await PlanFunctionsHost.Build(args).RunAsync();
