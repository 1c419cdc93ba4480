using System.Linq;
using SmcMonitoring.Fields;
using Xunit;

using SmcMonitoring.Cmdlets;

namespace SmcMonitoring.Tests.Unit;

public class FieldCatalogTests
{
    [Theory]
    [InlineData("Src", 7)]
    [InlineData("src", 7)]
    [InlineData("Src Addr", 7)]
    [InlineData("SRC", 7)]
    [InlineData("7", 7)]
    [InlineData("SrcPort", 9)]
    [InlineData("Sport", 9)]
    [InlineData("Sender", 4)]
    [InlineData("NodeId", 4)]
    [InlineData("BLOCK_LISTENTRYID", 117)]
    [InlineData("BlackListEntrySourceIpMask", 119)]
    [InlineData("Message", 19)]
    public void Every_spelling_finds_the_same_field(string spelling, int id)
    {
        Assert.Equal(id, FieldCatalog.Default.Find(spelling)?.Id);
    }

    [Fact]
    public void Unknown_names_suggest_close_matches()
    {
        Assert.Null(FieldCatalog.Default.Find("Srcc"));
        var closest = FieldCatalog.Default.ClosestNames("Srcc");
        Assert.Equal(3, closest.Count);
        Assert.Contains("Src", closest);
    }

    [Fact]
    public void Property_names_are_unique_and_every_protocol_field_is_present()
    {
        var fields = FieldCatalog.Default.Fields;
        Assert.Equal(fields.Count, fields.Select(f => f.Property.ToUpperInvariant()).Distinct().Count());
        Assert.True(fields.Count > 350);
        Assert.Equal(FieldKind.Ip, FieldCatalog.Default.FindById(8)!.Kind);
        Assert.Equal(FieldKind.Time, FieldCatalog.Default.FindById(1)!.Kind);
        Assert.Equal(FieldKind.Severity, FieldCatalog.Default.FindById(602)!.Kind);
    }
}

public class FilterKeyPropertyTests
{
    [Fact]
    public void Every_catalog_field_is_a_completable_filter_key()
    {
        var properties = typeof(SmcFilterArgument).GetProperties().Select(p => p.Name).ToHashSet();
        var missing = FieldCatalog.Default.Fields.Where(f => !properties.Contains(f.Property)).Select(f => f.Property).ToList();
        Assert.True(missing.Count == 0, "Run 'dotnet pwsh ./tools/New-FilterKeyProperties.ps1': the filter keys lack " + string.Join(", ", missing));
        Assert.Contains("Or", properties);
        Assert.Contains("Defined", properties);
    }
}
