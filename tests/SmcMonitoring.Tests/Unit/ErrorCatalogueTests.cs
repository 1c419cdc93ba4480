using System.Linq;
using System.Reflection;
using SmcMonitoring.Errors;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class ErrorCatalogueTests
{
    private static SmcError[] Entries() => typeof(SmcErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (SmcError)f.GetValue(null)!).ToArray();

    [Fact]
    public void Every_error_id_is_defined_once_and_follows_the_naming_rule()
    {
        var ids = Entries().Select(e => e.Id).ToArray();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^Smc[A-Z][A-Za-z]+$", id));
    }

    [Fact]
    public void Each_entry_is_named_after_its_id()
    {
        foreach (var field in typeof(SmcErrors).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            Assert.Equal("Smc" + field.Name, ((SmcError)field.GetValue(null)!).Id);
        }
    }

    [Fact]
    public void An_exception_carries_its_entry_and_the_servers_text()
    {
        var error = SmcErrors.FetchFailed.Create("The SMC refused the query: bad definition", "bad definition");
        Assert.Same(SmcErrors.FetchFailed, error.Error);
        Assert.Equal("SmcFetchFailed", error.ErrorId);
        Assert.Equal(SmcErrorKind.Refused, error.Kind);
        Assert.Equal("bad definition", error.ServerMessage);
    }
}
