namespace Registers.Server.Hosting;

/// <summary>The authorisation policies of writes.</summary>
public static class WritePolicy
{
    /// <summary>Writing a register's entries: the admin key, or a custodian key the register lists.</summary>
    public const string Name = "writer";

    /// <summary>Creating registers and managing their custodian keys: the admin key only.</summary>
    public const string Admin = "admin";
}
