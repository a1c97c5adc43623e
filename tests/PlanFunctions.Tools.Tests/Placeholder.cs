namespace PlanFunctions.Tools.Tests;
