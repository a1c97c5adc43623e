using PlanFunctions.Cli;

return await PlanFunctionsCommandLine.InvokeAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
