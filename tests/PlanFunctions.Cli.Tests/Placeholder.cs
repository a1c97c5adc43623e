namespace PlanFunctions.Cli.Tests;
