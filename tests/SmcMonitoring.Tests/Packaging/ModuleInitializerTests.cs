using System;
using SmcMonitoring.Cmdlets;
using Xunit;

namespace SmcMonitoring.Tests.Packaging;

public class ModuleInitializerTests
{
    [Theory]
    [InlineData("6.0.36", false)]
    [InlineData("7.0.20", false)]
    [InlineData("8.0.11", true)]
    [InlineData("10.0.1", true)]
    public void A_PowerShell_7_older_than_7_4_is_refused_with_the_reason(string runtime, bool loads)
    {
        var problem = ModuleInitializer.RuntimeProblem(Version.Parse(runtime));
        if (loads)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains("PowerShell 7.4 or later", problem);
            Assert.Contains(".NET " + Version.Parse(runtime).ToString(2), problem);
        }
    }

    [Fact]
    public void PowerShell_7_is_not_taken_for_the_NET_Framework()
    {
        Assert.False(ModuleInitializer.RunsOnNetFramework);
    }
}
