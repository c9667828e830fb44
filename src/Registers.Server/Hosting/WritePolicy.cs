namespace Registers.Server.Hosting;

/// <summary>The authorisation policy every write endpoint requires.</summary>
public static class WritePolicy
{
    /// <summary>The policy's name.</summary>
    public const string Name = "writer";
}
