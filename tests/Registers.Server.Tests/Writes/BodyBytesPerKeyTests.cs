using System.Runtime.CompilerServices;
using Registers.Server.Hosting;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// The bytes each key has taken are counted for as long as it has some: a key's counter goes when its last bytes are given
/// back, and takes and gives back racing on the same keys neither lose bytes nor let a key past its limit.
/// </summary>
public sealed class BodyBytesPerKeyTests
{
    private const long PerKey = 1_000;

    private readonly BodyBytesPerKey _bodies = new(new ServerOptions { MaxBodyBytes = PerKey, ConcurrentBodyBytesPerKey = PerKey });

    [Fact]
    public void A_key_with_no_bytes_taken_keeps_no_counter()
    {
        var first = _bodies.TryTake("first", 600)!;
        var second = _bodies.TryTake("second", 300)!;
        var arriving = _bodies.TryTake("first", null)!;
        Assert.True(arriving.TryTakeMore(400));
        Assert.Null(_bodies.TryTake("first", 1)); // the key's counter is still kept while it has bytes taken
        Assert.Equal(2, _bodies.CountersKept);

        first.Dispose();
        arriving.Dispose();
        second.Dispose();

        Assert.Equal(0, _bodies.CountersKept);
        Assert.Equal(0, _bodies.Held("first"));
        using var none = _bodies.TryTake("third", null);
        Assert.Equal(0, _bodies.CountersKept); // a body of no stated length holds nothing until it arrives
    }

    [Fact]
    public async Task Takes_and_gives_back_racing_on_a_few_keys_never_pass_the_limit_and_leave_nothing_counted()
    {
        string[] keys = ["a", "b", "c"];
        var holding = keys.ToDictionary(key => key, _ => new StrongBox<long>());
        var most = keys.ToDictionary(key => key, _ => new StrongBox<long>());
        long taken = 0, refused = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 20_000; i++)
            {
                var key = keys[random.Next(keys.Length)];
                var bytes = random.Next(1, (int)PerKey);

                // A body of stated length takes its bytes at once; one of none, as they arrive (here in two parts).
                var stated = random.Next(2) == 0;
                var share = _bodies.TryTake(key, stated ? bytes : null);
                if (share is not null && !stated && !(share.TryTakeMore(bytes / 2) && share.TryTakeMore(bytes - (bytes / 2))))
                {
                    share.Dispose();
                    share = null;
                }

                if (share is null)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }

                // What this test holds is a part of what the key has counted: past the limit, bytes were counted where no take saw them.
                var now = Interlocked.Add(ref holding[key].Value, bytes);
                InterlockedMax(most[key], now);
                Interlocked.Increment(ref taken);
                Thread.Yield();
                Interlocked.Add(ref holding[key].Value, -bytes);
                share.Dispose();
            }
        })));

        Assert.True(taken > 1_000 && refused > 1_000, $"{taken} taken, {refused} refused: the limit was not put to the test");
        Assert.All(keys, key => Assert.True(most[key].Value <= PerKey, $"key {key} held {most[key].Value} bytes at once, past {PerKey}"));
        Assert.All(keys, key => Assert.Equal(0, _bodies.Held(key)));
        Assert.Equal(0, _bodies.CountersKept);
    }

    private static void InterlockedMax(StrongBox<long> most, long value)
    {
        var seen = Interlocked.Read(ref most.Value);
        while (value > seen && Interlocked.CompareExchange(ref most.Value, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }
}
