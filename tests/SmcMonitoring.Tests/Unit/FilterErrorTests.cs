using System.Management.Automation;
using SmcMonitoring.Errors;
using SmcMonitoring.Filters;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class FilterErrorTests
{
    private static SmcException HashtableError(string text) =>
        Assert.Throws<SmcException>(() => HashtableFilterParser.Parse(FilterTranslationTests.Hashtable(text)));

    private static SmcException ScriptError(string text) =>
        Assert.Throws<SmcException>(() => ScriptBlockFilterTranslator.Translate(FilterTranslationTests.ScriptBlockLiteral(text), _ => null));

    [Fact]
    public void Unknown_field_names_the_three_closest()
    {
        var error = HashtableError("@{ Srcc = '1.2.3.4' }");
        Assert.Equal("SmcFilterFieldNotFound", error.ErrorId);
        Assert.Contains("'Srcc'", error.Message);
        Assert.Contains("Src", error.Message);
        Assert.Contains("Or, And, Not", error.Message);
        Assert.Equal("SmcFilterFieldNotFound", ScriptError("{ $_.Srcc -eq '1.2.3.4' }").ErrorId);
    }

    [Theory]
    [InlineData("@{ Src = 'abc' }", "'abc'", "IPv4")]
    [InlineData("@{ Src = '10.0.0.0/99' }", "'10.0.0.0/99'", "CIDR")]
    [InlineData("@{ Service = 'HTTP' }", "'HTTP'", "TCP/443")]
    [InlineData("@{ DstPort = 70000 }", "'70000'", "0 to 65535")]
    [InlineData("@{ DstPort = 'https' }", "'https'", "port")]
    [InlineData("@{ Action = 'Shrug' }", "'Shrug'", "Discard, Allow")]
    [InlineData("@{ Severity = 'Urgent' }", "'Urgent'", "Critical")]
    [InlineData("@{ Protocol = 'TCPX' }", "'TCPX'", "protocol")]
    [InlineData("@{ Timestamp = '2024-01-01' }", "'2024-01-01'", "-Since")]
    public void Value_of_the_wrong_kind_names_field_value_and_expected_kind(string filter, string value, string expected)
    {
        var error = HashtableError(filter);
        Assert.Equal("SmcFilterValueInvalid", error.ErrorId);
        Assert.Contains(value, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Empty_hashtable_empty_array_and_null_are_clear_errors()
    {
        Assert.Equal("SmcFilterEmpty", HashtableError("@{}").ErrorId);
        var empty = HashtableError("@{ Src = @() }");
        Assert.Equal("SmcFilterValueMissing", empty.ErrorId);
        Assert.Contains("'Src'", empty.Message);
        Assert.Equal("SmcFilterValueMissing", HashtableError("@{ Src = $null }").ErrorId);
        Assert.Equal("SmcFilterValueMissing", ScriptError("{ $_.Src -eq $nothing }").ErrorId);
    }

    [Fact]
    public void Special_keys_that_take_hashtables_say_so()
    {
        var error = HashtableError("@{ Or = 'Src' }");
        Assert.Equal("SmcFilterValueInvalid", error.ErrorId);
        Assert.Contains("takes hashtables", error.Message);
    }

    [Theory]
    [InlineData("{ $_.Src.StartsWith('10') }", "$_.Src.StartsWith('10')")]
    [InlineData("{ $_.Message -match '^reset' }", "-match")]
    [InlineData("{ $_.DstPort -gt 1024 }", "-gt")]
    [InlineData("{ $_.Src -eq $_.Dst }", "one field with another")]
    [InlineData("{ $_.Src -eq (Get-Date) }", "Get-Date")]
    [InlineData("{ $_.Src -eq '1.1.1.1'; $_.Dst -eq '2.2.2.2' }", "one condition")]
    [InlineData("{ param($x) $x }", "one condition")]
    [InlineData("{ 'a' -eq 'b' }", "must be a field")]
    public void Unsupported_scriptblocks_point_at_the_text_and_suggest_where_object(string script, string mention)
    {
        var error = ScriptError(script);
        Assert.Equal("SmcFilterUnsupported", error.ErrorId);
        Assert.Contains(mention, error.Message);
        Assert.Contains("Where-Object", error.Message);
    }
}
