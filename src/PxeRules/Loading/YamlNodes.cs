using System;
using System.Collections.Generic;
using System.IO;
using PxeRules.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PxeRules.Loading;

/// <summary>A node of a YAML document with the place it starts. Aliases resolve to the anchored node itself.</summary>
internal abstract class YNode
{
    protected YNode(long line, long column)
    {
        Line = (int)Math.Min(line, int.MaxValue);
        Column = (int)Math.Min(column, int.MaxValue);
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Nodes in this subtree, counting what aliases inside it expand to (saturating).</summary>
    public long Size { get; protected set; } = 1;

    /// <summary>Levels of nesting in this subtree, counting what aliases inside it expand to: 1 for a scalar.</summary>
    public int Height { get; protected set; } = 1;

    public abstract string Describe();
}

internal sealed class YScalar : YNode
{
    public YScalar(string value, bool plain, long line, long column)
        : base(line, column)
    {
        Value = value;
        IsPlain = plain;
    }

    public string Value { get; }

    /// <summary>Written without quotes, so YAML's plain-scalar typing applies (<c>42</c> is a number, <c>~</c> is null).</summary>
    public bool IsPlain { get; }

    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    public override string Describe() => IsNull ? "nothing" : $"the scalar '{Shorten(Value)}'";

    internal static string Shorten(string value) => value.Length > 60 ? value.Substring(0, 57) + "..." : value;
}

internal sealed class YSequence : YNode
{
    public YSequence(long line, long column)
        : base(line, column)
    {
    }

    public List<YNode> Items { get; } = new();

    public void Add(YNode item)
    {
        Items.Add(item);
        Size = SaturatingAdd(Size, item.Size);
        Height = Math.Max(Height, item.Height + 1);
    }

    public override string Describe() => "a sequence";

    internal static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

internal sealed class YMapping : YNode
{
    public YMapping(long line, long column)
        : base(line, column)
    {
    }

    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = new();

    public void Add(YScalar key, YNode value)
    {
        Entries.Add(new KeyValuePair<YScalar, YNode>(key, value));
        Size = YSequence.SaturatingAdd(Size, YSequence.SaturatingAdd(1, value.Size));
        Height = Math.Max(Height, value.Height + 1);
    }

    public YNode? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    public override string Describe() => "a mapping";
}

/// <summary>A YAML document read into nodes, or <see langword="null"/> for an empty document.</summary>
internal sealed class YDocument
{
    public YDocument(YNode? root, long line, long column)
    {
        Root = root;
        Line = (int)Math.Min(line, int.MaxValue);
        Column = (int)Math.Min(column, int.MaxValue);
    }

    public YNode? Root { get; }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>
/// Reads YAML text into <see cref="YNode"/> trees with YamlDotNet's parser, enforcing <see cref="LoadLimits"/>:
/// nesting depth, alias expansion, string length and document count. Duplicate keys, non-scalar keys and syntax
/// errors become diagnostics; reading stops at a syntax error (the parser cannot resume) but documents read
/// before it are kept.
/// </summary>
internal sealed class YamlDocumentReader
{
    private readonly string source;
    private readonly LoadLimits limits;
    private readonly int maxStringLength;
    private readonly DiagnosticBag diagnostics;
    private readonly Dictionary<string, YNode> anchors = new(StringComparer.Ordinal);
    private TrackingParser parser = null!;
    private long aliasBudget;
    private bool depthReported;

    // The memory the nodes read so far, and the values made from them later, are estimated to take; reading stops
    // with a located error past the budget (see ValueCost), so a file of millions of tiny values cannot exhaust the heap.
    private readonly long memoryBudget;
    private long memoryEstimate;

    /// <param name="source">The file's name, for locations.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="maxStringLength">The longest string (default <see cref="LoadLimits.MaxStringLength"/>).</param>
    /// <param name="memoryBudget">The memory the file's values may take, in bytes, estimated as they are read; 0 for no budget.</param>
    public YamlDocumentReader(string source, LoadLimits limits, DiagnosticBag diagnostics, int? maxStringLength = null, long memoryBudget = 0)
    {
        this.source = source;
        this.limits = limits;
        this.diagnostics = diagnostics;
        this.maxStringLength = maxStringLength ?? limits.MaxStringLength;
        this.memoryBudget = memoryBudget;
    }

    /// <summary>
    /// What one value is estimated to cost while a file is read and turned into values: its node (object, location,
    /// its slot in the parent list) and the value made from it (a boxed number or a string), plus the characters of
    /// its text. Collections cost a node and list growth.
    /// </summary>
    private const int ValueCost = 136;
    private const int CollectionCost = 96;

    private void Spend(long bytes, Mark at)
    {
        if (memoryBudget <= 0) return;
        memoryEstimate += bytes;
        if (memoryEstimate <= memoryBudget) return;
        diagnostics.Error(
            DiagnosticCodes.TooManyValues,
            $"The file holds more values than fit in the memory allowed for reading it ({memoryBudget / (1 << 20)} MiB); split it into smaller files, one per machine.",
            Location(at));
        throw new StopReadingException();
    }

    public List<YDocument> Read(string text)
    {
        var documents = new List<YDocument>();
        Read(text, documents.Add);
        return documents;
    }

    /// <summary>
    /// Reads <paramref name="text"/>, handing each document to <paramref name="onDocument"/> as soon as it is read, so
    /// a large file's documents need not all be held at once.
    /// </summary>
    public void Read(string text, Action<YDocument> onDocument)
    {
        var count = 0;
        aliasBudget = limits.MaxAliasExpansion;
        // YamlDotNet's scanner can spin for many seconds on a directive line ('%...') that ends the text without a
        // line break (found by fuzzing: 20 s for a 3 KB file). A final line break changes no value but a '|+'
        // block scalar's last line, and no place.
        if (text.Length > 0 && text[text.Length - 1] is not ('\n' or '\r'))
        {
            text += "\n";
        }

        // Directives are not part of the formats, and YamlDotNet drops unknown ones ('%FOO') without a word.
        var directive = IndexOfDirective(text);
        if (directive >= 0)
        {
            var (line, _) = TextDecoding.LineColumn(text, directive);
            diagnostics.Error(DiagnosticCodes.SyntaxError, "A YAML directive ('%YAML', '%TAG', or any line starting with '%') is not part of the format; remove the line.", new SourceLocation(source, line, 1));
        }

        parser = new TrackingParser(new Parser(new StringReader(text)));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var documentStart))
            {
                if (count >= limits.MaxDocuments)
                {
                    diagnostics.Error(DiagnosticCodes.TooManyDocuments, $"The file holds more than {limits.MaxDocuments} documents, the limit.", Location((parser.Current ?? documentStart).Start));
                    return;
                }

                anchors.Clear();
                depthReported = false;
                var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(1);
                if (root is null && aliasBudget < 0)
                {
                    return;
                }

                if (root is YScalar scalar && scalar.IsNull)
                {
                    root = null;
                }

                parser.Consume<DocumentEnd>();
                count++;
                try
                {
                    onDocument(new YDocument(root, documentStart.Start.Line, documentStart.Start.Column));
                }
                catch (Exception ex)
                {
                    // Not a problem of the YAML: keep it away from the handlers below.
                    throw new DocumentHandlerException(ex);
                }
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            var (message, at) = Explain(ex, text);
            diagnostics.Error(DiagnosticCodes.SyntaxError, message, at);
        }
        catch (StopReadingException)
        {
            // Reported where it happened; nothing more of this file is read.
        }
        catch (DocumentHandlerException ex)
        {
            // A failure of the caller's handler is not a YAML problem: let it surface as it was.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // YamlDotNet's scanner sometimes fails with an exception that carries no position (an unclosed flow
            // collection spanning lines gives InvalidOperationException): report it after the last event it read.
            diagnostics.Error(
                DiagnosticCodes.SyntaxError,
                $"The text is not valid YAML after this point; look for an unclosed '[', '{{' or quote. (The YAML parser failed with {ex.GetType().Name}: {ex.Message})",
                Location(parser.LastEnd));
        }
    }

    /// <summary>
    /// A parser error in words a rule author acts on: a tab used for indentation is reported on its own line (the
    /// parser gives the start of the mapping), and an indentation that does not line up gets a hint.
    /// </summary>
    private (string Message, SourceLocation At) Explain(YamlException ex, string text)
    {
        var raw = Clean(ex);
        if (raw.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FirstIndentingTab(text) is { } tab)
        {
            return ($"Line {tab.Line} is indented with a tab; YAML indents with spaces only. Replace the tab with spaces (and set the editor to insert spaces in .yaml files).", new SourceLocation(source, tab.Line, tab.Column));
        }

        var at = Location(ex.Start);
        if (raw.Contains("did not find expected key") || raw.Contains("did not find expected '-' indicator") || raw.Contains("mapping values are not allowed") || raw.Contains("found invalid mapping") || raw.Contains("did not find expected <document start>"))
        {
            return ($"The indentation of line {at.Line} does not line up: the keys of one mapping start in the same column, and what belongs to a key is indented further, with spaces. Compare line {at.Line} with the lines above it. (The YAML parser said: {raw})", at);
        }

        // Snapshots are JSON, read as YAML for their lines: say which, and say when the text simply stops.
        var language = source.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "JSON" : "YAML";
        var cut = raw.Contains("end of stream") ? " The text ends early: was the file cut off while it was copied?" : string.Empty;
        return ($"The text is not valid {language}: {raw}{cut}", at);
    }

    /// <summary>The first tab in the leading white space of a line, outside comments: YAML forbids tabs for indentation.</summary>
    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            for (var j = start; j < i && text[j] is ' ' or '\t' or '-'; j++)
            {
                if (text[j] == '\t') return (line, j - start + 1);
            }

            line++;
            start = i + 1;
        }

        return null;
    }

    private static int IndexOfDirective(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i == 0 || text[i - 1] is '\n' or '\r'))
            {
                return i;
            }
        }

        return -1;
    }

    private YNode? ReadNode(int depth)
    {
        var current = parser.Current ?? throw new InvalidOperationException("Unexpected end of the YAML stream.");
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    diagnostics.Error(DiagnosticCodes.SyntaxError, $"The alias '*{alias.Value.Value}' refers to no anchor defined before it.", Location(alias.Start));
                    return new YScalar(string.Empty, true, alias.Start.Line, alias.Start.Column);
                }

                if (depth + target.Height - 1 > limits.MaxDepth)
                {
                    // The alias would put the anchored subtree deeper than the limit allows written out.
                    ReportTooDeep(alias.Start, string.Empty);
                    return new YScalar(string.Empty, true, alias.Start.Line, alias.Start.Column);
                }

                aliasBudget -= target.Size;
                if (aliasBudget < 0)
                {
                    diagnostics.Error(
                        DiagnosticCodes.TooManyAliases,
                        $"YAML aliases expand to more than {limits.MaxAliasExpansion} nodes, the limit; the rest of the file is not read.",
                        Location(alias.Start));
                    throw new StopReadingException();
                }

                return target;

            case Scalar scalar:
                CheckTag(scalar.Tag, scalar.Start);
                parser.MoveNext();
                var value = scalar.Value;
                if (value.Length > maxStringLength)
                {
                    diagnostics.Error(DiagnosticCodes.StringTooLong, $"A string of {value.Length} characters is longer than the limit of {maxStringLength}.", Location(scalar.Start));
                    value = string.Empty;
                }

                Spend(ValueCost + (2L * value.Length), scalar.Start);
                var node = new YScalar(value, scalar.Style == ScalarStyle.Plain, scalar.Start.Line, scalar.Start.Column);
                Remember(scalar.Anchor, node);
                return node;

            case SequenceStart sequenceStart:
                CheckTag(sequenceStart.Tag, sequenceStart.Start);
                if (depth > limits.MaxDepth)
                {
                    return SkipTooDeep(sequenceStart);
                }

                parser.MoveNext();
                Spend(CollectionCost, sequenceStart.Start);
                var sequence = new YSequence(sequenceStart.Start.Line, sequenceStart.Start.Column);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    sequence.Add(ReadNode(depth + 1)!);
                }

                Remember(sequenceStart.Anchor, sequence);
                return sequence;

            case MappingStart mappingStart:
                CheckTag(mappingStart.Tag, mappingStart.Start);
                if (depth > limits.MaxDepth)
                {
                    return SkipTooDeep(mappingStart);
                }

                parser.MoveNext();
                Spend(CollectionCost, mappingStart.Start);
                var mapping = new YMapping(mappingStart.Start.Line, mappingStart.Start.Column);
                HashSet<string>? seen = null;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyStart = parser.Current!.Start;
                    var key = ReadNode(depth + 1);
                    var entryValue = ReadNode(depth + 1)!;
                    if (key is not YScalar scalarKey)
                    {
                        diagnostics.Error(DiagnosticCodes.WrongType, "A mapping key must be a plain string, not a mapping or a sequence.", Location(keyStart));
                        continue;
                    }

                    // Rule mappings are small: a linear look at the keys so far, a set only for large ones.
                    if (mapping.Entries.Count >= 8 && seen is null)
                    {
                        seen = new HashSet<string>(StringComparer.Ordinal);
                        foreach (var entry in mapping.Entries) seen.Add(entry.Key.Value);
                    }

                    if (seen is not null ? !seen.Add(scalarKey.Value) : mapping.Find(scalarKey.Value) is not null)
                    {
                        diagnostics.Error(DiagnosticCodes.DuplicateKey, $"The key '{YScalar.Shorten(scalarKey.Value)}' appears more than once in this mapping.", Location(keyStart));
                        continue;
                    }

                    mapping.Add(scalarKey, entryValue);
                }

                Remember(mappingStart.Anchor, mapping);
                return mapping;

            default:
                throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
        }
    }

    private void CheckTag(TagName tag, Mark start)
    {
        // A tag changes how YAML types a value (!!str 42 is text); the formats have no tags, so none is ignored silently.
        if (!tag.IsEmpty)
        {
            const string core = "tag:yaml.org,2002:";
            var written = tag.Value.StartsWith(core, StringComparison.Ordinal) ? "!!" + tag.Value.Substring(core.Length) : tag.Value;
            diagnostics.Error(DiagnosticCodes.WrongType, $"The YAML tag '{YScalar.Shorten(written)}' is not part of the format; write the value without a tag.", Location(start));
        }
    }

    private void ReportTooDeep(Mark start, string consequence)
    {
        if (!depthReported)
        {
            diagnostics.Error(DiagnosticCodes.TooDeep, $"The nesting is deeper than {limits.MaxDepth} levels, the limit{consequence}.", Location(start));
            depthReported = true;
        }
    }

    private YNode SkipTooDeep(ParsingEvent start)
    {
        // Stop here rather than skip the subtree: YamlDotNet's scanner takes time quadratic in the depth of flow
        // collections (100,000 '{' take 10 s, a 4 MiB file hours; found by fuzzing), so nothing deeper is read.
        ReportTooDeep(start.Start, "; the rest of the file is not read");
        throw new StopReadingException();
    }

    private void Remember(AnchorName anchor, YNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private SourceLocation Location(Mark mark) => new(source, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string Clean(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: a, Col: b, Idx: c) - (…): "; the location is reported separately.
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message.Substring(marker + 3) : message;
    }

    /// <summary>A limit was crossed where nothing after it can be read safely; reported where it happened.</summary>
    private sealed class StopReadingException : Exception
    {
    }

    /// <summary>Remembers where the last event the parser produced ended, to place errors that come without a position.</summary>
    private sealed class TrackingParser : IParser
    {
        private readonly IParser inner;

        public TrackingParser(IParser inner) => this.inner = inner;

        public ParsingEvent? Current => inner.Current;

        public Mark LastEnd { get; private set; } = Mark.Empty;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current)
            {
                LastEnd = current.End;
            }

            return moved;
        }
    }

    private sealed class DocumentHandlerException : Exception
    {
        public DocumentHandlerException(Exception inner)
            : base(inner.Message, inner)
        {
        }
    }
}
