namespace PlanFunctions.Runtime;
