using PlanFunctions.Host;

return await PlanFunctionsHost.RunAsync(args, Console.Error);
