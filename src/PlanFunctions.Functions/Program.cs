using Microsoft.Extensions.Hosting;
using PlanFunctions.Functions.Hosting;

PlanFunctionsApp.Build(args).Run();
