using Registers.Protocol.Entries;
using Registers.Protocol.Merkle;
using Registers.Server.Hosting;
using Registers.Server.Proofs;

namespace Registers.Server.Tests.Proofs;

public sealed class TileCacheTests
{
    private static TileTree Tile(int width, byte fill = 1) => TileTree.Build(Enumerable.Repeat(fill, width * 32).ToArray());

    [Fact]
    public void Tiles_are_kept_for_their_own_register_log_and_position()
    {
        using var cache = new TileCache(new ServerOptions());
        var full = Tile(TileId.FullWidth);

        cache.Offer("country", EntryLog.User, 0, 3, full);

        Assert.Same(full, cache.Find("country", EntryLog.User, 0, 3));
        Assert.Null(cache.Find("country", EntryLog.System, 0, 3));
        Assert.Null(cache.Find("country", EntryLog.User, 1, 3));
        Assert.Null(cache.Find("country", EntryLog.User, 0, 4));
        Assert.Null(cache.Find("school", EntryLog.User, 0, 3));
    }

    [Fact]
    public void A_wider_read_of_a_partial_tile_replaces_a_narrower_one_and_never_the_other_way()
    {
        using var cache = new TileCache(new ServerOptions());
        var (narrow, wide) = (Tile(10), Tile(20));

        cache.Offer("country", EntryLog.User, 0, 4, narrow);
        cache.Offer("country", EntryLog.User, 0, 4, wide);
        cache.Offer("country", EntryLog.User, 0, 4, Tile(15));

        Assert.Same(wide, cache.Find("country", EntryLog.User, 0, 4));
    }

    [Fact]
    public void A_cache_of_no_bytes_keeps_nothing()
    {
        using var cache = new TileCache(new ServerOptions { TileCacheBytes = 0 });

        cache.Offer("country", EntryLog.User, 0, 0, Tile(TileId.FullWidth));

        Assert.Null(cache.Find("country", EntryLog.User, 0, 0));
    }
}
