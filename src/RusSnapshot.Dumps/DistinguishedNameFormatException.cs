namespace RusSnapshot.Dumps;

/// <summary>
/// A string is not a valid distinguished name. The message names the position and what was expected,
/// but never repeats the input: DNs in support dumps are customer data.
/// </summary>
public sealed class DistinguishedNameFormatException : FormatException
{
    /// <summary>Creates the exception with a default message and an unknown position.</summary>
    public DistinguishedNameFormatException()
    {
    }

    /// <summary>Creates the exception with a message and an unknown position.</summary>
    public DistinguishedNameFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, an inner exception and an unknown position.</summary>
    public DistinguishedNameFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the position of the offending character.</summary>
    public DistinguishedNameFormatException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>
    /// Zero-based index into the input of the character at fault (the input length when the input ended early);
    /// -1 when unknown.
    /// </summary>
    public int Position { get; } = -1;
}
