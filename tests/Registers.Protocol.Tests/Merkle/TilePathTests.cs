using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>C2SP tlog-tiles paths: the spec's examples, round trips, and refusal of every other spelling.</summary>
public sealed class TilePathTests
{
    [Theory]
    [InlineData(0, 1234067UL, 256, "tile/0/x001/x234/067")] // the spec's example of N
    [InlineData(0, 0UL, 256, "tile/0/000")]
    [InlineData(0, 999UL, 256, "tile/0/999")]
    [InlineData(0, 1000UL, 256, "tile/0/x001/000")]
    [InlineData(0, 273UL, 112, "tile/0/273.p/112")] // the partial level-0 tile of a 70,000-leaf tree
    [InlineData(1, 1UL, 17, "tile/1/001.p/17")]
    [InlineData(2, 0UL, 1, "tile/2/000.p/1")]
    [InlineData(63, ulong.MaxValue, 255, "tile/63/x018/x446/x744/x073/x709/x551/615.p/255")]
    public void Tile_paths_follow_the_spec(int level, ulong index, int width, string path)
    {
        var tile = new TileId(level, index, width);
        Assert.Equal(path, TilePath.Format(tile));
        Assert.True(TilePath.TryParse(path, out var parsed));
        Assert.Equal(tile, parsed);
    }

    [Theory]
    [InlineData(1234067UL, 256, "tile/entries/x001/x234/067")]
    [InlineData(273UL, 112, "tile/entries/273.p/112")]
    [InlineData(0UL, 1, "tile/entries/000.p/1")]
    public void Entry_bundle_paths_follow_the_spec(ulong index, int width, string path)
    {
        var tile = new TileId(0, index, width);
        Assert.Equal(path, TilePath.FormatEntries(tile));
        Assert.True(TilePath.TryParseEntries(path, out var parsed));
        Assert.Equal(tile, parsed);
        Assert.False(TilePath.TryParse(path, out _));
    }

    [Fact]
    public void Entry_bundles_exist_only_beside_level_0_tiles() =>
        Assert.Throws<ArgumentException>(() => TilePath.FormatEntries(new TileId(1, 0)));

    [Fact]
    public void Random_tiles_round_trip()
    {
        var random = new Random(8);
        for (var i = 0; i < 2000; i++)
        {
            var index = (ulong)random.NextInt64() >> random.Next(0, 63);
            var tile = new TileId(random.Next(0, 64), index, random.Next(0, 3) == 0 ? random.Next(1, 256) : 256);
            Assert.True(TilePath.TryParse(TilePath.Format(tile), out var parsed));
            Assert.Equal(tile, parsed);
            var bundle = new TileId(0, tile.Index, tile.Width);
            Assert.True(TilePath.TryParseEntries(TilePath.FormatEntries(bundle), out parsed));
            Assert.Equal(bundle, parsed);
        }
    }

    [Theory]
    [InlineData("tile/0/1234067")] // N not grouped
    [InlineData("tile/0/x001/234/067")] // a folder without x
    [InlineData("tile/0/001/x234/067")]
    [InlineData("tile/0/x001/x234/x067")] // the file with x
    [InlineData("tile/0/x000/067")] // a leading zero group: a second spelling of 67
    [InlineData("tile/0/67")]
    [InlineData("tile/0/0067")]
    [InlineData("tile/0/00a")]
    [InlineData("tile/0/X001/000")]
    [InlineData("tile/0/x01/000")]
    [InlineData("tile/0/000/")]
    [InlineData("tile/0/")]
    [InlineData("tile/0")]
    [InlineData("tile//000")]
    [InlineData("/tile/0/000")]
    [InlineData("TILE/0/000")]
    [InlineData("tile/00/000")] // level with a leading zero
    [InlineData("tile/01/000")]
    [InlineData("tile/64/000")] // level above 63
    [InlineData("tile/-1/000")]
    [InlineData("tile/+1/000")]
    [InlineData("tile/data/000")]
    [InlineData("tile/entries/000")] // an entry bundle, not a hash tile
    [InlineData("tile/0/000.p/0")] // width out of 1..255
    [InlineData("tile/0/000.p/256")]
    [InlineData("tile/0/000.p/012")] // width with a leading zero
    [InlineData("tile/0/000.p/")]
    [InlineData("tile/0/000.p/1/2")]
    [InlineData("tile/0/000.p/+5")]
    [InlineData("tile/0/000.p/5.p/5")]
    [InlineData("tile/0/x001.p/5/000")]
    [InlineData("tile/0/000.P/5")]
    [InlineData("tile/0/x018/x446/x744/x073/x709/x551/616")] // 2^64: does not fit
    [InlineData("tile/0/x999/x999/x999/x999/x999/x999/x999/999")]
    [InlineData("tile/0/ 000")]
    [InlineData("")]
    public void Malformed_tile_paths_are_refused(string path)
    {
        Assert.False(TilePath.TryParse(path, out var tile));
        Assert.Equal(default, tile);
        if (path.StartsWith("tile/0/", StringComparison.Ordinal))
        {
            // The same N and width spelled under entries are refused there too.
            Assert.False(TilePath.TryParseEntries("tile/entries/" + path["tile/0/".Length..], out _));
        }
    }

    [Theory]
    [InlineData("tile/0/000")]
    [InlineData("tile/entries")]
    [InlineData("tile/entries/")]
    [InlineData("tile/entries/0/000")]
    [InlineData("tile/entries/x000/001")]
    public void Malformed_entry_bundle_paths_are_refused(string path) =>
        Assert.False(TilePath.TryParseEntries(path, out _));
}
