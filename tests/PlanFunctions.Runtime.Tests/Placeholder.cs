namespace PlanFunctions.Runtime.Tests;
