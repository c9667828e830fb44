using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Registers.Protocol.Hashing;

/// <summary>
/// SHA-256 of small inputs, as fast as the platform allows. A tree, a chain and an RSF replay hash millions of
/// inputs of 64 to a few hundred bytes, where the cost of each call, not of the hashing, dominates:
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> goes through OpenSSL 3's EVP layer, which looks the
/// algorithm up and allocates a context per call (about 1.2 million 64-byte hashes a second measured here), while
/// OpenSSL's direct <c>SHA256_Init/Update/Final</c> on a context on the stack does the same work about three
/// times as fast (SHA-NI where the CPU has it).
/// </summary>
/// <remarks>
/// The direct path is taken only where <c>libcrypto.so.3</c> loads (Linux with OpenSSL 3, which .NET itself uses there),
/// exports those functions, and answers the FIPS 180-2 "abc" vector and a two-block input exactly as
/// <see cref="SHA256"/> does; anywhere else, or with <c>REGISTERS_SHA256=managed</c> in the environment, every call goes to
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>. Inputs over <see cref="DirectLimit"/> bytes always do: the
/// direct calls suppress the GC transition, which is only right for calls that return quickly.
/// </remarks>
internal static unsafe class Sha256
{
    /// <summary>The largest input hashed by the direct path.</summary>
    public const int DirectLimit = 4096;

    private const int ContextSize = 256; // SHA256_CTX is 112 bytes on 64-bit platforms; room to spare

    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, int> Init;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> Final;

    static Sha256()
    {
        if (Environment.GetEnvironmentVariable("REGISTERS_SHA256") == "managed"
            || !OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libcrypto.so.3", out var library)
            || !NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
            || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
        {
            return;
        }

        Init = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init;
        Update = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update;
        Final = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final;
        if (!AgreesWithManaged("abc"u8) || !AgreesWithManaged(new byte[65]))
        {
            Init = null;
        }
    }

    /// <summary>Whether the direct OpenSSL path is in use (for benchmarks and tests).</summary>
    public static bool IsDirect => Init != null;

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="hash"/> (32 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        if (Init == null || data.Length > DirectLimit || !TryDirect(data, hash))
        {
            SHA256.HashData(data, hash);
        }
    }

    private static bool TryDirect(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var context = stackalloc byte[ContextSize];
        fixed (byte* input = data)
        fixed (byte* output = hash)
        {
            return Init(context) == 1 && Update(context, input, (nuint)data.Length) == 1 && Final(output, context) == 1;
        }
    }

    private static bool AgreesWithManaged(ReadOnlySpan<byte> data)
    {
        Span<byte> direct = stackalloc byte[32];
        Span<byte> managed = stackalloc byte[32];
        SHA256.HashData(data, managed);
        return TryDirect(data, direct) && direct.SequenceEqual(managed);
    }
}
