namespace PxeRules.Loading;

/// <summary>The stable diagnostic codes; <c>docs/diagnostics.md</c> explains each.</summary>
public static class DiagnosticCodes
{
    /// <summary>The text is not valid YAML (or JSON, for snapshots).</summary>
    public const string SyntaxError = "PXR0001";

    /// <summary>The file is not valid UTF-8 or UTF-16 text.</summary>
    public const string InvalidEncoding = "PXR0002";

    /// <summary>The file is larger than the limit.</summary>
    public const string FileTooLarge = "PXR0003";

    /// <summary>The nesting is deeper than the limit.</summary>
    public const string TooDeep = "PXR0004";

    /// <summary>YAML aliases expand to more nodes than the limit.</summary>
    public const string TooManyAliases = "PXR0005";

    /// <summary>A string is longer than the limit.</summary>
    public const string StringTooLong = "PXR0006";

    /// <summary>A file holds more documents than the limit.</summary>
    public const string TooManyDocuments = "PXR0007";

    /// <summary>A mapping repeats a key.</summary>
    public const string DuplicateKey = "PXR0008";

    /// <summary>The apiVersion is missing or not one this engine reads.</summary>
    public const string UnknownApiVersion = "PXR0009";

    /// <summary>The kind is not <c>Rule</c> (a missing kind is <see cref="MissingKey"/>).</summary>
    public const string UnknownKind = "PXR0010";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "PXR0011";

    /// <summary>A key is not part of the format.</summary>
    public const string UnknownKey = "PXR0012";

    /// <summary>A value has the wrong type (a mapping where a string was expected…).</summary>
    public const string WrongType = "PXR0013";

    /// <summary>A value is not one of the allowed words.</summary>
    public const string BadEnumValue = "PXR0014";

    /// <summary>A version is malformed.</summary>
    public const string BadVersion = "PXR0015";

    /// <summary>A regular expression does not compile.</summary>
    public const string BadRegex = "PXR0016";

    /// <summary>A condition or template names a fact the rule does not define (in an example: <see cref="BadExample"/>).</summary>
    public const string UndefinedFact = "PXR0017";

    /// <summary>Facts depend on each other in a cycle.</summary>
    public const string FactCycle = "PXR0018";

    /// <summary>Two rules share an id or alias.</summary>
    public const string DuplicateRuleId = "PXR0019";

    /// <summary>A fact uses a probe kind the catalogue does not know.</summary>
    public const string UnknownProbeKind = "PXR0020";

    /// <summary>A probe argument is unknown, missing or of the wrong type.</summary>
    public const string BadProbeArgument = "PXR0021";

    /// <summary>A path names a field the probe does not return.</summary>
    public const string UnknownField = "PXR0022";

    /// <summary>An operator cannot apply to the value's type.</summary>
    public const string OperatorTypeMismatch = "PXR0023";

    /// <summary>A literal cannot be read as the type it needs.</summary>
    public const string BadLiteral = "PXR0024";

    /// <summary>A condition has no operator, several operators, or mixes logic and comparison.</summary>
    public const string BadCondition = "PXR0025";

    /// <summary>A rule id or alias is not lower-case words joined by hyphens, or a fact name is not a letter followed by letters, digits or '_'.</summary>
    public const string BadId = "PXR0026";

    /// <summary>A file cannot be read.</summary>
    public const string IoError = "PXR0027";

    /// <summary>A folder or pattern matched no rule file.</summary>
    public const string NoFilesMatched = "PXR0028";

    /// <summary>An example is not consistent with its rule.</summary>
    public const string BadExample = "PXR0029";

    /// <summary>A <c>{{ }}</c> reference is malformed.</summary>
    public const string BadTemplate = "PXR0030";

    /// <summary>A role is not one of the known roles.</summary>
    public const string UnknownRole = "PXR0031";

    /// <summary>A reference's URL or KB number is malformed, or it has neither.</summary>
    public const string BadReference = "PXR0032";

    /// <summary>A fact uses a name the engine reserves (<c>machine</c>, <c>site</c>).</summary>
    public const string ReservedFactName = "PXR0033";

    /// <summary>A snapshot's format or formatVersion is not one this reader knows.</summary>
    public const string UnsupportedSnapshot = "PXR0040";

    /// <summary>A snapshot value does not fit the type the catalogue declares.</summary>
    public const string SnapshotValueMismatch = "PXR0041";

    /// <summary>A snapshot names the same machine twice.</summary>
    public const string DuplicateMachine = "PXR0042";

    /// <summary>A fact's <c>seenIn</c> or <c>unverified</c> is malformed, or it has both.</summary>
    public const string BadTextSource = "PXR0043";

    /// <summary>A rule of severity error or critical can be met by patterns never seen in real text alone.</summary>
    public const string UnverifiedSeverity = "PXR0044";

    /// <summary>More problems were found than are listed; the count says how many were left out.</summary>
    public const string TooManyDiagnostics = "PXR0045";

    /// <summary>A path argument names no drive of the machine (UNC, device or rooted path); providers refuse it.</summary>
    public const string PathOutsideDrives = "PXR0046";

    /// <summary>A snapshot holds more values than fit in the memory allowed for reading it.</summary>
    public const string TooManyValues = "PXR0047";

    /// <summary>A rule's <c>explains</c> names a rule the knowledge base does not have.</summary>
    public const string UnknownExplainedRule = "PXR0048";

    /// <summary>Rules explain each other in a circle: a cause cannot be its own consequence.</summary>
    public const string ExplainsCycle = "PXR0049";

    /// <summary>A fact uses the old key <c>on</c>, which YAML 1.1 tools read as a boolean; <c>onRole</c> replaces it.</summary>
    public const string OldOnKey = "PXR0050";

    /// <summary>A rule lacks an example of an outcome it can reach (detected, not detected, not applicable, inconclusive).</summary>
    public const string MissingExampleKind = "PXR0051";

    /// <summary>A rule still holds a placeholder of the scaffold (<c>TODO</c>, <c>example.com</c>).</summary>
    public const string Placeholder = "PXR0052";

    /// <summary>A rule's id or former id is already used by another rule, such as a bundled one, that it would run beside.</summary>
    public const string IdUsedElsewhere = "PXR0053";

    /// <summary>A sample snapshot does not answer a probe call the rules make, or holds one no rule makes.</summary>
    public const string SampleOutOfDate = "PXR0054";

    /// <summary>A condition can never be true given the literals it compares with.</summary>
    public const string NeverTrue = "PXR0055";

    /// <summary>A condition is true whenever its value is found, whatever the value.</summary>
    public const string AlwaysTrue = "PXR0056";

    /// <summary>A regular expression can match no text.</summary>
    public const string RegexCannotMatch = "PXR0057";

    /// <summary>A fact is defined but no condition, argument or remediation step uses it.</summary>
    public const string UnusedFact = "PXR0058";

    /// <summary>No example makes a member of an <c>any</c> true: that branch is not tested.</summary>
    public const string UntestedBranch = "PXR0059";

    /// <summary>Two rules have the same condition on the same facts.</summary>
    public const string SameCondition = "PXR0060";

    /// <summary>A rule has no reference.</summary>
    public const string NoReference = "PXR0061";

    /// <summary>An input is malformed, unknown to the rule that uses it, or set for a rule or input that does not exist.</summary>
    public const string BadInput = "PXR0062";
}
