using System;
using SmcMonitoring.Errors;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class ApiVersionTests
{
    private static readonly Uri Url = new("https://smc.example:8082");

    [Fact]
    public void Newest_version_is_chosen_numerically_so_6_10_beats_6_9()
    {
        Assert.Equal("6.10", ApiVersion.Choose(new[] { "6.9", "6.10", "6.5" }, null, Url).Text);
        Assert.Equal("7.1", ApiVersion.Choose(new[] { "7.1", "6.10", "7.0" }, null, Url).Text);
    }

    [Fact]
    public void Requested_version_is_used_verbatim_when_offered()
    {
        Assert.Equal("6.10", ApiVersion.Choose(new[] { "6.10", "7.0", "7.1" }, "6.10", Url).Text);
    }

    [Fact]
    public void Version_not_offered_names_the_offered_ones()
    {
        var error = Assert.Throws<SmcException>(() => ApiVersion.Choose(new[] { "6.10", "7.0", "7.1" }, "6.1", Url));
        Assert.Equal("SmcApiVersionNotSupported", error.ErrorId);
        Assert.Contains("'6.1'", error.Message);
        Assert.Contains("6.10, 7.0, 7.1", error.Message);
    }

    [Fact]
    public void No_parsable_version_is_a_protocol_error()
    {
        var error = Assert.Throws<SmcException>(() => ApiVersion.Choose(new[] { "latest" }, null, Url));
        Assert.Equal("SmcApiVersionNotFound", error.ErrorId);
    }
}
