using Registers.Protocol.Entries;
using Registers.Server.Hosting;
using Registers.Server.Proofs;

namespace Registers.Server.Tests.Proofs;

public sealed class FullTileCacheTests
{
    [Fact]
    public void Only_full_tiles_are_kept_for_their_own_register_log_and_position()
    {
        using var cache = new FullTileCache(new ServerOptions());
        var full = new byte[FullTileCache.FullTileBytes];
        var partial = new byte[FullTileCache.FullTileBytes - 32];

        cache.Offer("country", EntryLog.User, 0, 3, full);
        cache.Offer("country", EntryLog.User, 0, 4, partial);

        Assert.Same(full, cache.Find("country", EntryLog.User, 0, 3));
        Assert.Null(cache.Find("country", EntryLog.User, 0, 4)); // a partial tile still grows
        Assert.Null(cache.Find("country", EntryLog.System, 0, 3));
        Assert.Null(cache.Find("country", EntryLog.User, 1, 3));
        Assert.Null(cache.Find("school", EntryLog.User, 0, 3));
    }

    [Fact]
    public void A_cache_of_no_bytes_keeps_nothing()
    {
        using var cache = new FullTileCache(new ServerOptions { TileCacheBytes = 0 });

        cache.Offer("country", EntryLog.User, 0, 0, new byte[FullTileCache.FullTileBytes]);

        Assert.Null(cache.Find("country", EntryLog.User, 0, 0));
    }
}
