using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

public sealed class EntryProblemTests
{
    [Fact]
    public void A_problem_names_the_line_or_entry_and_the_key_it_has()
    {
        Assert.Equal("line 7, key 'GB': it repeats", new EntryProblem(null, 7, "GB", "repeat", "it repeats").ToString());
        Assert.Equal("entry 2, key 'GB': it repeats", new EntryProblem(2, null, "GB", "repeat", "it repeats").ToString());
    }

    [Fact]
    public void A_problem_placed_within_its_line_names_the_column()
    {
        Assert.Equal("line 12, column 7: bad timestamp", new EntryProblem(null, 12, "", "rsf-syntax", "bad timestamp", Column: 7).ToString());
        Assert.Equal("line 12, column 7, key 'GB': it repeats", new EntryProblem(null, 12, "GB", "repeat", "it repeats", Column: 7).ToString());
    }

    [Fact]
    public void A_problem_of_a_line_with_no_key_names_no_key()
    {
        Assert.Equal("line 3: not RSF", new EntryProblem(null, 3, "", "rsf-syntax", "not RSF").ToString());
    }

    [Fact]
    public void A_problem_of_no_line_or_entry_is_the_registers()
    {
        Assert.Equal("the register, key 'field:x': no key field", new EntryProblem(null, null, "field:x", "no-key-field", "no key field").ToString());
    }
}
