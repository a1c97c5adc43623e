namespace PlanFunctions.Core.Templates;

/// <summary>What <see cref="ParameterTemplates.Scan"/> found in a step's parameters.</summary>
/// <param name="References">Every template, in document order.</param>
/// <param name="Problems">Every template that does not parse or is too long.</param>
public sealed record TemplateScan(IReadOnlyList<TemplateReference> References, IReadOnlyList<TemplateSyntaxProblem> Problems);
