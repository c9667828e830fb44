namespace Registers.Client.Status;

/// <summary>Where a register stands: each log's size, root and the latest checkpoint the server signed.</summary>
/// <param name="Register">The register's name.</param>
/// <param name="User">The user log (the data).</param>
/// <param name="System">The system log (the metadata: name, fields, custodian keys).</param>
public sealed record RegisterStatus(string Register, LogStatus User, LogStatus System);

/// <summary>One log as the server's register proof states it. The root and the checkpoint are of the same tree size.</summary>
/// <param name="Size">Entries in the log.</param>
/// <param name="Root">The RFC 6962 root, <c>sha-256:hex</c>.</param>
/// <param name="Checkpoint">The signed checkpoint note for that size (not verified here).</param>
public sealed record LogStatus(long Size, string Root, string Checkpoint);
