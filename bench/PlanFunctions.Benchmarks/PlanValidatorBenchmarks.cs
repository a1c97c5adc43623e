using BenchmarkDotNet.Attributes;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Benchmarks;

/// <summary>Reading and validating the largest plan allowed (10,000 steps), as the submit endpoint does.</summary>
public class PlanValidatorBenchmarks
{
    private static readonly PlanValidationOptions Options = new();

    private byte[] _document = [];

    [Params(PlanShape.Chain, PlanShape.FanOut)]
    public PlanShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _document = BenchmarkPlans.ToJson(BenchmarkPlans.Build(Shape, 10_000));
        var result = PlanValidator.ReadAndValidate(_document, Options);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"the benchmark plan is invalid: {result.Problems[0].Path}: {result.Problems[0].Message}");
        }
    }

    [Benchmark]
    public PlanReadResult ReadAndValidate() => PlanValidator.ReadAndValidate(_document, Options);
}
