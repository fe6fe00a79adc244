namespace PxeRules.Evaluation;

/// <summary>The value of a condition under three-valued logic, plus <see cref="Error"/> for conditions that cannot be evaluated.</summary>
public enum Truth
{
    /// <summary>The condition is false.</summary>
    False = 0,

    /// <summary>The condition is true.</summary>
    True = 1,

    /// <summary>A fact the condition needs is unavailable.</summary>
    Unknown = 2,

    /// <summary>The condition cannot be evaluated (a value of the wrong type, a regex that timed out).</summary>
    Error = 3,
}
