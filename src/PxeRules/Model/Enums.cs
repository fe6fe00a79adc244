namespace PxeRules.Model;

/// <summary>The shell a remediation command is written for, which decides how values from a machine are quoted in it.</summary>
public enum CommandShell
{
    /// <summary><c>cmd.exe</c> (the default): the command prompt of every Windows version the rules are about.</summary>
    Cmd = 0,

    /// <summary>Windows PowerShell or PowerShell.</summary>
    PowerShell = 1,
}

/// <summary>How bad a known issue is when it is detected.</summary>
public enum Severity
{
    /// <summary>By-design behaviour worth explaining.</summary>
    Info = 0,

    /// <summary>A misconfiguration or latent risk; nothing is failing yet, or the detection is heuristic.</summary>
    Warning = 1,

    /// <summary>A class of clients or a function fails.</summary>
    Error = 2,

    /// <summary>No client can PXE boot from this server.</summary>
    Critical = 3,
}

/// <summary>How sure a rule's detection is, after the sources of the facts it rests on.</summary>
public enum Confidence
{
    /// <summary>Every fact is documented by the vendor or a first-hand public source.</summary>
    Documented = 0,

    /// <summary>At least one fact is inferred from documented neighbouring behaviour.</summary>
    Inferred = 1,

    /// <summary>At least one fact is community knowledge not confirmed in a source.</summary>
    Folklore = 2,
}

/// <summary>The life-cycle state of a rule.</summary>
public enum RuleStatus
{
    /// <summary>The rule is maintained and trusted.</summary>
    Stable = 0,

    /// <summary>The rule is new or heuristic and may change.</summary>
    Experimental = 1,

    /// <summary>The rule is kept for compatibility and will be removed.</summary>
    Deprecated = 2,
}

/// <summary>A level of Configuration Manager 2007, used by <see cref="Applicability.Versions"/>.</summary>
public enum ProductLevel
{
    /// <summary>The release to manufacturing, site version 4.00.5931.</summary>
    Rtm = 0,

    /// <summary>Service Pack 1, site version 4.00.6221.</summary>
    Sp1 = 1,

    /// <summary>Service Pack 2, site version 4.00.6487.</summary>
    Sp2 = 2,

    /// <summary>The R2 add-on (does not change the site version).</summary>
    R2 = 3,

    /// <summary>The R3 add-on (does not change the site version).</summary>
    R3 = 4,
}

/// <summary>The comparison a <see cref="Comparison"/> condition makes.</summary>
public enum ComparisonOperator
{
    /// <summary>The value equals the literal.</summary>
    Equals = 0,

    /// <summary>The value does not equal the literal.</summary>
    NotEquals,

    /// <summary>The value equals one of the literal's items.</summary>
    In,

    /// <summary>The value equals none of the literal's items.</summary>
    NotIn,

    /// <summary>The fact or field was found (literal <c>true</c>) or not found (literal <c>false</c>).</summary>
    Exists,

    /// <summary>A string value matches the regular expression.</summary>
    Matches,

    /// <summary>A string value does not match the regular expression.</summary>
    NotMatches,

    /// <summary>A string contains the text, or a list contains the item.</summary>
    Contains,

    /// <summary>A string does not contain the text, or a list does not contain the item.</summary>
    NotContains,

    /// <summary>A string starts with the text.</summary>
    StartsWith,

    /// <summary>A string ends with the text.</summary>
    EndsWith,

    /// <summary>The value orders before the literal.</summary>
    Less,

    /// <summary>The value orders before or equals the literal.</summary>
    LessOrEqual,

    /// <summary>The value orders after the literal.</summary>
    Greater,

    /// <summary>The value orders after or equals the literal.</summary>
    GreaterOrEqual,

    /// <summary>A date-time lies within the literal duration before now.</summary>
    Within,

    /// <summary>A date-time lies more than the literal duration before now.</summary>
    OlderThan,

    /// <summary>
    /// The fact could not be read (literal <c>true</c>), or could not be read for a reason the literal regex matches;
    /// false when it was read (a value or not found), never unknown for that reason. A fact missing from the
    /// evidence (not collected, not in the snapshot) is unknown: nobody tried to read it.
    /// </summary>
    Unreadable,

    /// <summary>
    /// The value names the same computer as the fact path the literal gives (<c>machine.name</c>): short names
    /// (before the first dot) compared ignoring case, so <c>pxe02.corp.contoso.com</c> is <c>PXE02</c>.
    /// </summary>
    SameComputer,
}

/// <summary>How a <see cref="Quantifier"/> condition tests the items of a collection.</summary>
public enum QuantifierKind
{
    /// <summary>At least one item satisfies the condition.</summary>
    AnyItem = 0,

    /// <summary>Every item satisfies the condition (true for an empty collection).</summary>
    AllItems = 1,

    /// <summary>No item satisfies the condition.</summary>
    NoItem = 2,

    /// <summary>The number of items satisfying the condition compares with a number.</summary>
    Count = 3,
}

/// <summary>The outcome of evaluating one rule on one machine.</summary>
public enum Outcome
{
    /// <summary>The known issue is present.</summary>
    Detected = 0,

    /// <summary>The known issue is not present.</summary>
    NotDetected = 1,

    /// <summary>The rule does not apply to this machine or site.</summary>
    NotApplicable = 2,

    /// <summary>A fact the rule needs could not be read; the rule is neither passed nor failed.</summary>
    Inconclusive = 3,

    /// <summary>The rule itself could not be evaluated, for example because a value had the wrong type.</summary>
    Error = 4,
}
