using System.Text.Json;
using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Expressions;

/// <summary>
/// Recursive-descent parser of the condition language. Precedence, lowest first: <c>||</c>, <c>&amp;&amp;</c>,
/// comparisons (which do not chain), <c>!</c>, then literals, paths, calls and parentheses.
/// </summary>
internal sealed class ConditionParser
{
    // Two-character operators first, so '<=' is not read as '<' followed by '='.
    private static readonly string[] ComparisonOperators = ["==", "!=", "<=", ">=", "<", ">"];

    private readonly string _text;
    private readonly List<DataPath> _paths = [];
    private int _pos;
    private int _depth;

    private ConditionParser(string text) => _text = text;

    public static bool TryParse(string text, out ConditionNode? root, out IReadOnlyList<DataPath> paths, out PathSyntaxError? error)
    {
        var parser = new ConditionParser(text);
        try
        {
            var node = parser.ParseOr();
            parser.SkipWhitespace();
            if (!parser.AtEnd)
            {
                throw parser.Unexpected("an operator (==, !=, <, <=, >, >=, &&, ||) or the end of the expression");
            }

            root = node;
            paths = parser._paths;
            error = null;
            return true;
        }
        catch (SyntaxException exception)
        {
            root = null;
            paths = [];
            error = exception.Error;
            return false;
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private ConditionNode ParseOr() => ParseChain("||", isAnd: false, ParseAnd);

    private ConditionNode ParseAnd() => ParseChain("&&", isAnd: true, ParseComparison);

    private ConditionNode ParseChain(string op, bool isAnd, Func<ConditionNode> operand)
    {
        var first = operand();
        List<ConditionNode>? operands = null;
        while (TryConsume(op))
        {
            (operands ??= [first]).Add(operand());
        }

        return operands is null ? first : new LogicalNode(isAnd, operands);
    }

    private ConditionNode ParseComparison()
    {
        var left = ParseUnary();
        if (ReadComparisonOperator() is not { } op)
        {
            return left;
        }

        var right = ParseUnary();
        SkipWhitespace();
        var next = _pos;
        if (ReadComparisonOperator() is { } chained)
        {
            throw new SyntaxException(next, $"comparisons do not chain: use && or parentheses around '{op}' before '{chained}'");
        }

        return new ComparisonNode(op, left, right);
    }

    private string? ReadComparisonOperator()
    {
        SkipWhitespace();
        var start = _pos;
        foreach (var op in ComparisonOperators)
        {
            if (TryConsume(op))
            {
                return op;
            }
        }

        if (!AtEnd && _text[_pos] == '=')
        {
            throw new SyntaxException(start, "'=' is not an operator: compare with '=='");
        }

        return null;
    }

    private ConditionNode ParseUnary()
    {
        SkipWhitespace();
        if (!AtEnd && _text[_pos] == '!' && !LookingAt("!="))
        {
            var bang = _pos++;
            Enter(bang);
            var operand = ParseUnary();
            _depth--;
            return new NotNode(operand);
        }

        return ParsePrimary();
    }

    private ConditionNode ParsePrimary()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw new SyntaxException(_pos, "expected a value (a literal, a path, a function call or '('), found the end of the expression");
        }

        var c = _text[_pos];
        if (c == '(')
        {
            var open = _pos++;
            Enter(open);
            var inner = ParseOr();
            SkipWhitespace();
            if (!TryConsume(")"))
            {
                throw Unexpected($"')' to close '(' at {open}");
            }

            _depth--;
            return inner;
        }

        if (c is '\'' or '"')
        {
            if (!QuotedText.TryRead(_text, _pos, out var value, out _pos, out var error))
            {
                throw new SyntaxException(error!);
            }

            return new LiteralNode(JsonValues.FromString(value));
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return new LiteralNode(JsonValues.Literal(ReadNumber()));
        }

        if (DataPathParser.IsNameStart(c))
        {
            return ParseWord();
        }

        throw Unexpected("a value (a literal, a path, a function call or '(')");
    }

    private ConditionNode ParseWord()
    {
        var start = _pos;
        var end = _pos;
        while (end < _text.Length && DataPathParser.IsNameChar(_text[end]))
        {
            end++;
        }

        var word = _text[start..end];
        var afterWord = end;
        while (afterWord < _text.Length && char.IsWhiteSpace(_text[afterWord]))
        {
            afterWord++;
        }

        var followedBy = afterWord < _text.Length ? _text[afterWord] : '\0';
        if (followedBy == '(')
        {
            _pos = afterWord;
            return ParseCall(word, start);
        }

        switch (word)
        {
            case "true":
            case "false":
            case "null":
                _pos = end;
                return new LiteralNode(JsonValues.Literal(word));
            case "and" or "or" or "not":
                var symbol = word switch { "and" => "&&", "or" => "||", _ => "!" };
                throw new SyntaxException(start, $"'{word}' is not an operator: write '{symbol}'");
            default:
                break;
        }

        if (!DataPathParser.TryParse(_text, start, _text.Length, embedded: true, out var path, out _pos, out var error))
        {
            throw new SyntaxException(error!);
        }

        _paths.Add(path!);
        return new PathNode(path!);
    }

    private ConditionNode ParseCall(string name, int nameStart)
    {
        var (arity, usage) = name switch
        {
            "exists" => (1, "exists(path)"),
            "contains" => (2, "contains(haystack, needle)"),
            "length" => (1, "length(value)"),
            _ => throw new SyntaxException(nameStart, $"unknown function '{name}': the functions are exists, contains and length"),
        };

        var open = _pos++;
        Enter(open);
        var arguments = new List<ConditionNode>();
        var firstArgument = FirstNonSpace(_pos);
        if (!TryConsume(")"))
        {
            while (true)
            {
                arguments.Add(ParseOr());
                if (TryConsume(")"))
                {
                    break;
                }

                if (!TryConsume(","))
                {
                    throw Unexpected($"',' or ')' to close '(' of {name} at {open}");
                }
            }
        }

        _depth--;
        if (arguments.Count != arity)
        {
            throw new SyntaxException(nameStart, $"{name} takes {arity} argument{(arity == 1 ? string.Empty : "s")}, {usage}; found {arguments.Count}");
        }

        return name switch
        {
            "exists" => arguments[0] is PathNode path
                ? new ExistsNode(path.Path)
                : throw new SyntaxException(firstArgument, "exists takes a path, e.g. exists(steps.fetch.output.body)"),
            "contains" => new ContainsNode(arguments[0], arguments[1]),
            _ => new LengthNode(arguments[0]),
        };
    }

    private int FirstNonSpace(int from)
    {
        while (from < _text.Length && char.IsWhiteSpace(_text[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>Reads a number as JSON writes it: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private string ReadNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        if (AtEnd || !char.IsAsciiDigit(_text[_pos]))
        {
            throw new SyntaxException(_pos, "expected a digit after '-'");
        }

        if (_text[_pos] == '0' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]))
        {
            throw new SyntaxException(_pos, "a number may not start with 0 followed by more digits");
        }

        SkipDigits();
        if (!AtEnd && _text[_pos] == '.')
        {
            _pos++;
            RequireDigits("'.'");
        }

        if (!AtEnd && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (!AtEnd && _text[_pos] is '+' or '-')
            {
                _pos++;
            }

            RequireDigits("the exponent 'e'");
        }

        if (!AtEnd && (DataPathParser.IsNameChar(_text[_pos]) || _text[_pos] == '.'))
        {
            throw new SyntaxException(_pos, $"unexpected {QuotedText.Describe(_text, _pos)} after the number {_text[start.._pos]}");
        }

        return _text[start.._pos];
    }

    private void RequireDigits(string after)
    {
        if (AtEnd || !char.IsAsciiDigit(_text[_pos]))
        {
            throw new SyntaxException(_pos, $"expected a digit after {after}");
        }

        SkipDigits();
    }

    private void SkipDigits()
    {
        while (!AtEnd && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private void Enter(int position)
    {
        if (++_depth > ConditionExpression.MaxNestingDepth)
        {
            throw new SyntaxException(position, $"the expression nests deeper than {ConditionExpression.MaxNestingDepth} levels");
        }
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool LookingAt(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private bool TryConsume(string token)
    {
        SkipWhitespace();
        if (!LookingAt(token))
        {
            return false;
        }

        _pos += token.Length;
        return true;
    }

    private SyntaxException Unexpected(string expected)
    {
        if (AtEnd)
        {
            return new SyntaxException(_pos, $"expected {expected}, found the end of the expression");
        }

        var word = _pos;
        while (word < _text.Length && char.IsAsciiLetter(_text[word]))
        {
            word++;
        }

        var hint = _text[_pos..word] switch
        {
            "and" => ": 'and' is not an operator, write '&&'",
            "or" => ": 'or' is not an operator, write '||'",
            _ => string.Empty,
        };
        hint = hint.Length > 0 ? hint : _text[_pos] switch
        {
            '&' => ": '&' is not an operator, write '&&'",
            '|' => ": '|' is not an operator, write '||'",
            '=' => ": compare with '=='",
            ')' when _depth == 0 => ": there is no '(' for this ')'",
            _ => string.Empty,
        };
        return new SyntaxException(_pos, $"expected {expected}, found {QuotedText.Describe(_text, _pos)}{hint}");
    }

    private sealed class SyntaxException(PathSyntaxError error) : Exception(error.ToString())
    {
        public SyntaxException(int position, string message)
            : this(new PathSyntaxError(position, message))
        {
        }

        public PathSyntaxError Error { get; } = error;
    }
}
