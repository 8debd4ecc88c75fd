namespace RusSnapshot.Cli;

/// <summary>The output folder cannot be created or written: a usage error (exit 2), not an input error.</summary>
internal sealed class OutputFolderException(string message, Exception inner) : Exception(message, inner);
