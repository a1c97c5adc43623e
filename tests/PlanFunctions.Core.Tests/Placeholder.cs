namespace PlanFunctions.Core.Tests;
