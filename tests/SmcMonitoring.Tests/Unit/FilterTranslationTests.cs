using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Newtonsoft.Json.Linq;
using SmcMonitoring.Filters;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

/// <summary>
/// The hashtable and the scriptblock form of each filter produce the same JSON, and that JSON is the golden
/// expectation written from docs/protocol.md section 5 (compared semantically).
/// </summary>
public class FilterTranslationTests
{
    private static readonly Dictionary<string, object?> Variables = new()
    {
        ["ip"] = "10.1.1.1",
        ["ips"] = new object[] { "10.1.1.1", "10.1.1.2" },
        ["port"] = 8443,
    };

    public static TheoryData<string, string, string> BothForms => Data(new string[][]
    {
        ["""@{ Src = '192.168.4.84' }""", """{ $_.Src -eq '192.168.4.84' }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"192.168.4.84"}]}"""],
        ["""@{ Src = '192.168.4.84','10.0.0.1' }""", """{ $_.Src -in '192.168.4.84','10.0.0.1' }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"192.168.4.84"},{"type":"ip","value":"10.0.0.1"}]}"""],
        ["""@{ Src = '192.168.4.84','10.0.0.1' }""", """{ '192.168.4.84','10.0.0.1' -contains $_.Src }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"192.168.4.84"},{"type":"ip","value":"10.0.0.1"}]}"""],
        ["""@{ Src = '10.0.0.0/8' }""", """{ $_.Src -eq '10.0.0.0/8' }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"10.0.0.0/8"}]}"""],
        ["""@{ Src = '10.0.0.1-10.0.0.99' }""", """{ $_.Src -eq '10.0.0.1-10.0.0.99' }""", """{"type":"translated","value":"$Src IN range(ipv4(\"10.0.0.1\"),ipv4(\"10.0.0.99\"))"}"""],
        ["""@{ Src = '10.0.0.5','10.0.0.1-10.0.0.99' }""", """{ $_.Src -in '10.0.0.5','10.0.0.1-10.0.0.99' }""", """{"type":"or","values":[{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"10.0.0.5"}]},{"type":"translated","value":"$Src IN range(ipv4(\"10.0.0.1\"),ipv4(\"10.0.0.99\"))"}]}"""],
        ["""@{ Dst = '2001:db8::1' }""", """{ $_.Dst -eq '2001:db8::1' }""", """{"type":"in","left":{"type":"field","id":8},"right":[{"type":"ip","value":"2001:db8::1"}]}"""],
        ["""@{ Dst = '2001:db8::/32' }""", """{ $_.Dst -eq '2001:db8::/32' }""", """{"type":"in","left":{"type":"field","id":8},"right":[{"type":"ip","value":"2001:db8::/32"}]}"""],
        ["""@{ Service = 'TCP/80' }""", """{ $_.Service -eq 'TCP/80' }""", """{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"TCP/80"}]}"""],
        ["""@{ Service = 'tcp/80','UDP/53' }""", """{ $_.Service -in 'tcp/80','UDP/53' }""", """{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"TCP/80"},{"type":"service","value":"UDP/53"}]}"""],
        ["""@{ Service = 'ICMP/8/0' }""", """{ $_.Service -eq 'ICMP/8/0' }""", """{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"ICMP/8/0"}]}"""],
        ["""@{ Action = 'Discard','Block' }""", """{ $_.Action -in 'Discard','Block' }""", """{"type":"in","left":{"type":"field","id":14},"right":[{"type":"constant","value":0},{"type":"constant","value":13}]}"""],
        ["""@{ Action = 'discard passive' }""", """{ $_.Action -eq 'discard passive' }""", """{"type":"in","left":{"type":"field","id":14},"right":[{"type":"constant","value":4}]}"""],
        ["""@{ Action = 13 }""", """{ $_.Action -eq 13 }""", """{"type":"in","left":{"type":"field","id":14},"right":[{"type":"constant","value":13}]}"""],
        ["""@{ Action = '13' }""", """{ $_.Action -eq '13' }""", """{"type":"in","left":{"type":"field","id":14},"right":[{"type":"constant","value":13}]}"""],
        ["""@{ Severity = 'High','Critical' }""", """{ $_.Severity -in 'High','Critical' }""", """{"type":"in","left":{"type":"field","id":602},"right":[{"type":"constant","value":5},{"type":"constant","value":10}]}"""],
        ["""@{ Severity = 10 }""", """{ $_.Severity -eq 10 }""", """{"type":"in","left":{"type":"field","id":602},"right":[{"type":"constant","value":10}]}"""],
        ["""@{ Severity = 'critical' }""", """{ $_.Severity -eq 'critical' }""", """{"type":"in","left":{"type":"field","id":602},"right":[{"type":"constant","value":10}]}"""],
        ["""@{ DstPort = 443 }""", """{ $_.DstPort -eq 443 }""", """{"type":"in","left":{"type":"field","id":10},"right":[{"type":"number","value":443}]}"""],
        ["""@{ DstPort = 80,443 }""", """{ $_.DstPort -in 80,443 }""", """{"type":"in","left":{"type":"field","id":10},"right":[{"type":"number","value":80},{"type":"number","value":443}]}"""],
        ["""@{ DstPort = 80,443 }""", """{ $_.DstPort -in @(80, 443) }""", """{"type":"in","left":{"type":"field","id":10},"right":[{"type":"number","value":80},{"type":"number","value":443}]}"""],
        ["""@{ SrcPort = '1024' }""", """{ $_.SrcPort -eq '1024' }""", """{"type":"in","left":{"type":"field","id":9},"right":[{"type":"number","value":1024}]}"""],
        ["""@{ Protocol = 'TCP' }""", """{ $_.Protocol -eq 'TCP' }""", """{"type":"in","left":{"type":"field","id":11},"right":[{"type":"number","value":6}]}"""],
        ["""@{ Protocol = 17 }""", """{ $_.Protocol -eq 17 }""", """{"type":"in","left":{"type":"field","id":11},"right":[{"type":"number","value":17}]}"""],
        ["""@{ Application = 'HTTPS' }""", """{ $_.Application -eq 'HTTPS' }""", """{"type":"in","left":{"type":"field","id":134},"right":[{"type":"string","value":"HTTPS"}]}"""],
        ["""@{ Message = 'Connection closed' }""", """{ $_.Message -eq 'Connection closed' }""", """{"type":"in","left":{"type":"field","id":19},"right":[{"type":"string","value":"Connection closed"}]}"""],
        ["""@{ State = 'TCP established' }""", """{ $_.State -eq 'TCP established' }""", """{"type":"in","left":{"type":"field","id":116},"right":[{"type":"string","value":"TCP established"}]}"""],
        ["""@{ RouteMetric = 20 }""", """{ $_.RouteMetric -eq 20 }""", """{"type":"in","left":{"type":"field","id":163},"right":[{"type":"number","value":20}]}"""],
        ["""@{ NeighborProtocol = 'IPv6' }""", """{ $_.NeighborProtocol -eq 'IPv6' }""", """{"type":"in","left":{"type":"field","id":734},"right":[{"type":"string","value":"IPv6"}]}"""],
        ["""@{ DataType = 'FW_LOGS' }""", """{ $_.DataType -eq 'FW_LOGS' }""", """{"type":"in","left":{"type":"field","id":34},"right":[{"type":"constant","value":1}]}"""],
        ["""@{ DataType = 'ssl vpn' }""", """{ $_.DataType -eq 'ssl vpn' }""", """{"type":"in","left":{"type":"field","id":34},"right":[{"type":"constant","value":28}]}"""],
        ["""@{ Src = 'https://smc.example:8082/7.1/elements/host/1087' }""", """{ $_.Src -eq 'https://smc.example:8082/7.1/elements/host/1087' }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"element","href":"https://smc.example:8082/7.1/elements/host/1087"}]}"""],
        ["""@{ Src = '192.168.4.84'; Service = 'TCP/80' }""", """{ $_.Service -eq 'TCP/80' -and $_.Src -eq '192.168.4.84' }""", """{"type":"and","values":[{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"TCP/80"}]},{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"192.168.4.84"}]}]}"""],
        ["""[ordered]@{ DstPort = 443; Protocol = 'TCP'; Action = 'Allow','Permit' }""", """{ $_.DstPort -eq 443 -and $_.Protocol -eq 'TCP' -and $_.Action -in 'Allow','Permit' }""", """{"type":"and","values":[{"type":"in","left":{"type":"field","id":10},"right":[{"type":"number","value":443}]},{"type":"in","left":{"type":"field","id":11},"right":[{"type":"number","value":6}]},{"type":"in","left":{"type":"field","id":14},"right":[{"type":"constant","value":1},{"type":"constant","value":11}]}]}"""],
        ["""@{ Or = @{ Src = '1.1.1.1' }, @{ Dst = '1.1.1.1' } }""", """{ $_.Src -eq '1.1.1.1' -or $_.Dst -eq '1.1.1.1' }""", """{"type":"or","values":[{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"1.1.1.1"}]},{"type":"in","left":{"type":"field","id":8},"right":[{"type":"ip","value":"1.1.1.1"}]}]}"""],
        ["""@{ Or = @{ Dst = '1.1.1.1'; Src = '1.1.1.1' } }""", """{ $_.Dst -eq '1.1.1.1' -or $_.Src -eq '1.1.1.1' }""", """{"type":"or","values":[{"type":"in","left":{"type":"field","id":8},"right":[{"type":"ip","value":"1.1.1.1"}]},{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"1.1.1.1"}]}]}"""],
        ["""@{ Or = @{ Src = '1.1.1.1' }, @{ Dst = '1.1.1.1' }, @{ Service = 'TCP/22' } }""", """{ $_.Src -eq '1.1.1.1' -or $_.Dst -eq '1.1.1.1' -or $_.Service -eq 'TCP/22' }""", """{"type":"or","values":[{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"1.1.1.1"}]},{"type":"in","left":{"type":"field","id":8},"right":[{"type":"ip","value":"1.1.1.1"}]},{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"TCP/22"}]}]}"""],
        ["""@{ And = @{ Src = '1.1.1.1' }, @{ Dst = '2.2.2.2' } }""", """{ $_.Src -eq '1.1.1.1' -and $_.Dst -eq '2.2.2.2' }""", """{"type":"and","values":[{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"1.1.1.1"}]},{"type":"in","left":{"type":"field","id":8},"right":[{"type":"ip","value":"2.2.2.2"}]}]}"""],
        ["""@{ Not = @{ Service = 'UDP/53' } }""", """{ -not ($_.Service -eq 'UDP/53') }""", """{"type":"not","value":{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"UDP/53"}]}}"""],
        ["""@{ Not = @{ Service = 'UDP/53' } }""", """{ $_.Service -ne 'UDP/53' }""", """{"type":"not","value":{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"UDP/53"}]}}"""],
        ["""@{ Not = @{ Service = 'UDP/53' } }""", """{ !($_.Service -eq 'UDP/53') }""", """{"type":"not","value":{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"UDP/53"}]}}"""],
        ["""@{ Not = @{ Service = 'UDP/53','TCP/80' } }""", """{ $_.Service -notin 'UDP/53','TCP/80' }""", """{"type":"not","value":{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"UDP/53"},{"type":"service","value":"TCP/80"}]}}"""],
        ["""@{ Not = @{ Service = 'UDP/53','TCP/80' } }""", """{ 'UDP/53','TCP/80' -notcontains $_.Service }""", """{"type":"not","value":{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"UDP/53"},{"type":"service","value":"TCP/80"}]}}"""],
        ["""@{ Defined = 'Action' }""", """{ $_.Action }""", """{"type":"defined","value":{"type":"field","id":14}}"""],
        ["""@{ Defined = 'Action','Application' }""", """{ $_.Action -and $_.Application }""", """{"type":"and","values":[{"type":"defined","value":{"type":"field","id":14}},{"type":"defined","value":{"type":"field","id":134}}]}"""],
        ["""@{ Not = @{ Defined = 'Action' } }""", """{ -not $_.Action }""", """{"type":"not","value":{"type":"defined","value":{"type":"field","id":14}}}"""],
        ["""@{ Not = @{ Defined = 'Action' } }""", """{ !$_.Action }""", """{"type":"not","value":{"type":"defined","value":{"type":"field","id":14}}}"""],
        ["""@{ 'Src|Dst' = '10.0.0.252' }""", """{ ($_.Src, $_.Dst) -contains '10.0.0.252' }""", """{"type":"in","left":{"type":"ip","value":"10.0.0.252"},"right":[{"type":"field","id":7},{"type":"field","id":8}]}"""],
        ["""@{ 'Src|Dst' = '10.0.0.252' }""", """{ '10.0.0.252' -in $_.Src, $_.Dst }""", """{"type":"in","left":{"type":"ip","value":"10.0.0.252"},"right":[{"type":"field","id":7},{"type":"field","id":8}]}"""],
        ["""@{ 'Src,Dst' = '10.0.0.1','10.0.0.2' }""", """{ ($_.Src, $_.Dst) -contains '10.0.0.1' -or ($_.Src, $_.Dst) -contains '10.0.0.2' }""", """{"type":"or","values":[{"type":"in","left":{"type":"ip","value":"10.0.0.1"},"right":[{"type":"field","id":7},{"type":"field","id":8}]},{"type":"in","left":{"type":"ip","value":"10.0.0.2"},"right":[{"type":"field","id":7},{"type":"field","id":8}]}]}"""],
        ["""@{ Like = @{ Message = '*reset by peer*' } }""", """{ $_.Message -like '*reset by peer*' }""", """{"type":"ci_like","left":{"type":"field","id":19},"right":{"type":"string","value":"%reset by peer%"}}"""],
        ["""@{ CLike = @{ UserName = 'admin?' } }""", """{ $_.UserName -clike 'admin?' }""", """{"type":"cs_like","left":{"type":"field","id":3001},"right":{"type":"string","value":"admin_"}}"""],
        ["""@{ Not = @{ Like = @{ Message = '*timeout*' } } }""", """{ $_.Message -notlike '*timeout*' }""", """{"type":"not","value":{"type":"ci_like","left":{"type":"field","id":19},"right":{"type":"string","value":"%timeout%"}}}"""],
        ["""@{ Like = @{ Message = '*reset*','*refused*' } }""", """{ $_.Message -like '*reset*','*refused*' }""", """{"type":"or","values":[{"type":"ci_like","left":{"type":"field","id":19},"right":{"type":"string","value":"%reset%"}},{"type":"ci_like","left":{"type":"field","id":19},"right":{"type":"string","value":"%refused%"}}]}"""],
        ["""@{ Src = '10.1.1.1' }""", """{ $_.Src -eq $ip }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"10.1.1.1"}]}"""],
        ["""@{ Src = '10.1.1.1','10.1.1.2' }""", """{ $_.Src -in $ips }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"10.1.1.1"},{"type":"ip","value":"10.1.1.2"}]}"""],
        ["""@{ DstPort = 8443 }""", """{ $_.DstPort -eq $port }""", """{"type":"in","left":{"type":"field","id":10},"right":[{"type":"number","value":8443}]}"""],
        ["""@{ Src = '172.18.1.20'; Not = @{ Service = 'UDP/53','TCP/80' } }""", """{ -not ($_.Service -in 'UDP/53','TCP/80') -and $_.Src -eq '172.18.1.20' }""", """{"type":"and","values":[{"type":"not","value":{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"UDP/53"},{"type":"service","value":"TCP/80"}]}},{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"172.18.1.20"}]}]}"""],
        ["""@{ Severity = 'High','Critical'; Defined = 'Application' }""", """{ $_.Application -and $_.Severity -in 'High','Critical' }""", """{"type":"and","values":[{"type":"defined","value":{"type":"field","id":134}},{"type":"in","left":{"type":"field","id":602},"right":[{"type":"constant","value":5},{"type":"constant","value":10}]}]}"""],
        ["""@{ src = '1.2.3.4' }""", """{ $_.SRC -eq '1.2.3.4' }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"1.2.3.4"}]}"""],
        ["""@{ Sport = 22 }""", """{ $_.Sport -eq 22 }""", """{"type":"in","left":{"type":"field","id":9},"right":[{"type":"number","value":22}]}"""],
        ["""@{ 'Dst Addr' = '1.2.3.4' }""", """{ $_.'Dst Addr' -eq '1.2.3.4' }""", """{"type":"in","left":{"type":"field","id":8},"right":[{"type":"ip","value":"1.2.3.4"}]}"""],
        ["""@{ '7' = '1.2.3.4' }""", """{ $_.'7' -eq '1.2.3.4' }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"1.2.3.4"}]}"""],
        ["""@{ BLOCK_LISTENTRYSOURCEIP = '3.3.3.0/24' }""", """{ $_.BlocklistSourceIp -eq '3.3.3.0/24' }""", """{"type":"in","left":{"type":"field","id":118},"right":[{"type":"ip","value":"3.3.3.0/24"}]}"""],
        ["""@{ Or = @{ And = @{ Src = '1.1.1.1' }, @{ DstPort = 22 } }, @{ Not = @{ Action = 'Allow' } } }""", """{ ($_.Src -eq '1.1.1.1' -and $_.DstPort -eq 22) -or -not ($_.Action -eq 'Allow') }""", """{"type":"or","values":[{"type":"and","values":[{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"1.1.1.1"}]},{"type":"in","left":{"type":"field","id":10},"right":[{"type":"number","value":22}]}]},{"type":"not","value":{"type":"in","left":{"type":"field","id":14},"right":[{"type":"constant","value":1}]}}]}"""],
        ["""@{ Src = '10.0.0.1' }""", """{ '10.0.0.1' -eq $_.Src }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"10.0.0.1"}]}"""],
        ["""@{ Src = '10.0.0.1' }""", """{ $PSItem.Src -eq '10.0.0.1' }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"10.0.0.1"}]}"""],
        ["""@{ Src = '10.0.0.1' }""", """{ ($_.Src -eq '10.0.0.1') }""", """{"type":"in","left":{"type":"field","id":7},"right":[{"type":"ip","value":"10.0.0.1"}]}"""],
        ["""@{ Sender = 'fw-east node 1' }""", """{ $_.Sender -eq 'fw-east node 1' }""", """{"type":"in","left":{"type":"field","id":4},"right":[{"type":"string","value":"fw-east node 1"}]}"""],
    });

    public static TheoryData<string, string> HashtableOnly
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var row in new string[][]
            {
            ["""@{ Expression = '$Dst IN union(ipv4_net("192.168.4.0/24"))' }""", """{"type":"translated","value":"$Dst IN union(ipv4_net(\"192.168.4.0/24\"))"}"""],
            ["""@{ FilterElement = 'https://smc.example:8082/7.1/elements/filter_expression/12' }""", """{"type":"expression","href":"https://smc.example:8082/7.1/elements/filter_expression/12"}"""],
            ["""@{ Or = @{ DstPort = 80 }, @{ Service = 'TCP/80' }, @{ Expression = '$Dst IN union(ipv4_net("192.168.4.0/24"))' } }""", """{"type":"or","values":[{"type":"in","left":{"type":"field","id":10},"right":[{"type":"number","value":80}]},{"type":"in","left":{"type":"field","id":27},"right":[{"type":"service","value":"TCP/80"}]},{"type":"translated","value":"$Dst IN union(ipv4_net(\"192.168.4.0/24\"))"}]}"""],
            })
            {
                data.Add(row[0], row[1]);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BothForms))]
    public void Hashtable_and_scriptblock_give_the_golden_json(string hashtable, string scriptBlock, string golden)
    {
        AssertJson(golden, HashtableFilterParser.Parse(Hashtable(hashtable)).ToJson(), hashtable);
        AssertJson(golden, ScriptBlockFilterTranslator.Translate(ScriptBlockLiteral(scriptBlock), name => Variables.TryGetValue(name, out var v) ? v : null).ToJson(), scriptBlock);
    }

    [Theory]
    [MemberData(nameof(HashtableOnly))]
    public void Hashtable_special_keys_give_the_golden_json(string hashtable, string golden)
    {
        AssertJson(golden, HashtableFilterParser.Parse(Hashtable(hashtable)).ToJson(), hashtable);
    }

    [Fact]
    public void There_are_at_least_sixty_cases_with_both_forms()
    {
        Assert.True(BothForms.Count() >= 60);
    }

    /// <summary>The ScriptBlock a literal such as <c>{ $_.Src -eq 1 }</c> evaluates to, as -Filter receives it.</summary>
    internal static ScriptBlockAst ScriptBlockLiteral(string text)
    {
        using var shell = PowerShell.Create();
        return (ScriptBlockAst)((ScriptBlock)shell.AddScript(text).Invoke().Single().BaseObject).Ast;
    }

    internal static IDictionary Hashtable(string text)
    {
        using var shell = PowerShell.Create();
        var result = shell.AddScript(text).Invoke();
        return (IDictionary)result.Single().BaseObject;
    }

    private static void AssertJson(string golden, string actual, string source)
    {
        var expected = JToken.Parse(golden);
        var produced = JToken.Parse(actual);
        Assert.True(JToken.DeepEquals(expected, produced), $"{source}\nexpected {expected.ToString(Newtonsoft.Json.Formatting.None)}\nactual   {produced.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    private static TheoryData<string, string, string> Data(string[][] rows)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in rows) { data.Add(row[0], row[1], row[2]); }
        return data;
    }
}
