using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

using SmcMonitoring.Cmdlets;

using Xunit;

namespace SmcMonitoring.Tests.Unit;

/// <summary>
/// The cmdlets hand the filter layer values without PowerShell's wrappers, at any depth, so that
/// <c>-Filter @{ Src = $records[0].Src }</c> filters on the address and not on a PSObject.
/// </summary>
public sealed class PlainValuesTests
{
    [Fact]
    public void A_wrapped_value_at_any_depth_comes_out_plain_and_in_order()
    {
        var table = new Hashtable
        {
            ["Or"] = new object[] { PSObject.AsPSObject("10.0.0.1"), new Hashtable { ["Dport"] = PSObject.AsPSObject(443) } },
        };

        var plain = Assert.IsAssignableFrom<IDictionary>(PlainValues.Of(PSObject.AsPSObject(table)));

        var alternatives = Assert.IsType<object?[]>(plain["Or"]);
        Assert.Equal("10.0.0.1", alternatives[0]);
        var inner = Assert.IsAssignableFrom<IDictionary>(alternatives[1]);
        Assert.Equal(443, Assert.IsType<int>(inner["Dport"]));
    }

    [Fact]
    public void A_table_with_nothing_wrapped_is_handed_on_as_it_is()
    {
        var table = new Hashtable { ["Action"] = "Discard", ["Ports"] = new List<object> { 80, 443 } };

        Assert.Same(table, PlainValues.Of(table));
        Assert.Equal("text", PlainValues.Of(PSObject.AsPSObject("text")));
        Assert.Null(PlainValues.Of(null));
    }
}
