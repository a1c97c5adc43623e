using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Execution.Commands;

/// <summary>
/// Something the engine must carry out for a run, as decided by <see cref="PlanRun.Decide"/>. The events that
/// record a command are persisted before it is carried out.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "commandType")]
[JsonDerivedType(typeof(DispatchStep), nameof(DispatchStep))]
[JsonDerivedType(typeof(CancelAttempt), nameof(CancelAttempt))]
[JsonDerivedType(typeof(EvaluateAiCondition), nameof(EvaluateAiCondition))]
[JsonDerivedType(typeof(CompleteRun), nameof(CompleteRun))]
public abstract record RunCommand;
