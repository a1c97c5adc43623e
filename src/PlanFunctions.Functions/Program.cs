using PlanFunctions.Functions.Hosting;

return await PlanFunctionsApp.RunAsync(args, Console.Error);
