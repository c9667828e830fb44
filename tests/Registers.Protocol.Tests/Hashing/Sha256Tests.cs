using System.Security.Cryptography;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Hashing;

public sealed class Sha256Tests
{
    [Fact]
    public void Every_length_up_to_past_the_direct_limit_hashes_as_dotnet_does()
    {
        // Lengths around the 64-byte block, the 55/56-byte padding edge and the direct limit, and random contents.
        var random = new Random(180);
        var data = new byte[Sha256.DirectLimit + 200];
        random.NextBytes(data);
        Span<byte> ours = stackalloc byte[32];
        foreach (var length in Enumerable.Range(0, 300).Concat(Enumerable.Range(Sha256.DirectLimit - 70, 270)))
        {
            Sha256.Hash(data.AsSpan(0, length), ours);
            Assert.Equal(SHA256.HashData(data.AsSpan(0, length)), ours.ToArray());
        }
    }

    [Fact]
    public void The_direct_openssl_path_is_taken_on_linux_where_dotnet_itself_uses_openssl_3()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("REGISTERS_SHA256") is null, "Linux only");
        Assert.True(Sha256.IsDirect);
    }
}
