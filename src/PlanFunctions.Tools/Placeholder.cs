namespace PlanFunctions.Tools;
