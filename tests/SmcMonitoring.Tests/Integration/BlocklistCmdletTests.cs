using System;
using System.Linq;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using SmcMonitoring.Blocklist;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>Add-SmcBlocklistEntry, Remove-SmcBlocklistEntry, Clear-SmcBlocklist and Remove-SmcVpnSa against the simulator.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class BlocklistCmdletTests : IClassFixture<ActionFixture>, IDisposable
{
    private const string Hour = "(New-TimeSpan -Hours 1)";
    private readonly ActionFixture _fixture;
    private readonly SmcSession _session;

    public BlocklistCmdletTests(ActionFixture fixture)
    {
        _fixture = fixture;
        _session = fixture.Connect();
        fixture.Simulator.ClearRequests();
    }

    public void Dispose()
    {
        _fixture.Simulator.Faults.RefuseWrites = false;
        _fixture.Host.Run("Get-SmcSession | Disconnect-SmcSession");
    }

    private (System.Collections.Generic.List<PSObject> Output, System.Collections.Generic.IReadOnlyList<ErrorRecord> Errors) Run(string script, SmcSession? session = null) =>
        _fixture.Run(script, session ?? _session);

    [Fact]
    public void An_entry_is_posted_to_the_engines_block_list_link_as_the_golden_json()
    {
        var (output, errors) = Run($"Add-SmcBlocklistEntry -Session $s -Engine edge-1 -Source 198.51.100.7 -Destination 10.1.2.3 -DestinationPort 22 -Duration {Hour} -PassThru");
        Assert.Empty(errors);
        var post = Assert.Single(_fixture.Writes());
        Assert.Equal("POST", post.Method);
        Assert.Matches("^/7.1/elements/single_fw/[0-9]+/block_list$", post.Path);
        AssertJson("""{"entries":[{"end_point1":{"address_mode":"address","ip_network":"198.51.100.7/32"},"end_point2":{"address_mode":"address","ip_network":"10.1.2.3/32","port1":22,"port2":22,"port_mode":"predefined_tcp"},"duration":3600}]}""", post.Body!);
        var entry = (SmcBlocklistEntryRequest)Assert.Single(output).BaseObject;
        Assert.Equal(("edge-1", "198.51.100.7/32", "22", "TCP"), (entry.Engine, entry.Source, entry.DestinationPort, entry.Protocol));
    }

    [Fact]
    public void Piped_log_records_for_one_engine_go_in_one_request_one_entry_per_connection()
    {
        var (output, errors) = Run($"Get-SmcLog -Session $s -MaxRecords 40 -Filter @{{ Action = 'Discard' }} | Add-SmcBlocklistEntry -Session $s -Engine edge-2 -Duration {Hour} -PassThru");
        Assert.Empty(errors);
        var logs = Run("Get-SmcLog -Session $s -MaxRecords 40 -Filter @{ Action = 'Discard' }").Output.Select(o => (SmcLogRecord)o.BaseObject).ToList();
        var post = Assert.Single(_fixture.Writes());
        var sent = (JArray)JToken.Parse(post.Body!)["entries"]!;
        Assert.Equal(output.Count, sent.Count);
        Assert.Equal(logs.Select(l => $"{l["Src"]}/{(l["Src"]!.ToString()!.Contains(':') ? 128 : 32)}").Distinct(), sent.Select(e => (string)e["end_point1"]!["ip_network"]!).Distinct());
        var withPorts = logs.First(l => l["DstPort"] is int);
        var entry = sent.Single(e => (string?)e["end_point1"]!["ip_network"] == $"{withPorts["Src"]}/32" && (int?)e["end_point1"]!["port1"] == (int?)withPorts["SrcPort"]);
        Assert.Equal(withPorts["DstPort"], (int?)entry["end_point2"]!["port1"]);
        Assert.Equal($"predefined_{withPorts["Protocol"]!.ToString()!.ToLowerInvariant()}", (string?)entry["end_point2"]!["port_mode"]);
    }

    [Fact]
    public void Piped_connections_keep_their_engine_and_several_engines_get_a_request_each_at_the_api_6_10_link()
    {
        var session = _fixture.Connect("6.10");
        var (_, errors) = Run($"Get-SmcConnection -Session $s -Engine edge-3, core-1 | Group-Object Engine | ForEach-Object {{ $_.Group | Select-Object -First 2 }} | Add-SmcBlocklistEntry -Session $s -Duration {Hour}", session);
        Assert.Empty(errors);
        var posts = _fixture.Writes().OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
        Assert.Equal(2, posts.Length);
        Assert.Matches("^/6.10/elements/fw_cluster/[0-9]+/blacklist$", posts[0].Path);
        Assert.Matches("^/6.10/elements/single_fw/[0-9]+/blacklist$", posts[1].Path);
        Assert.All(posts, p => Assert.Equal(2, ((JArray)JToken.Parse(p.Body!)["entries"]!).Count));
    }

    [Fact]
    public void A_global_entry_goes_to_the_system_element_after_confirmation()
    {
        var (_, refused) = Run($"Add-SmcBlocklistEntry -Session $s -Global -Source 192.0.2.66 -Duration {Hour}");
        // The test host cannot prompt: that the cmdlet tried to is the proof it asks by default.
        Assert.StartsWith("HostFunctionNotImplemented", Assert.Single(refused).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_fixture.Writes());
        var (_, errors) = Run($"Add-SmcBlocklistEntry -Session $s -Global -Source 192.0.2.66 -Duration {Hour} -Confirm:$false");
        Assert.Empty(errors);
        Assert.Equal("/7.1/system/block_list", Assert.Single(_fixture.Writes()).Path);
    }

    [Theory]
    [InlineData("Add-SmcBlocklistEntry -Session $s -Engine edge-1 -Source 192.0.2.9 -Duration '01:00:00' -WhatIf")]
    [InlineData("Add-SmcBlocklistEntry -Session $s -Global -Source 192.0.2.9 -Duration '01:00:00' -WhatIf")]
    [InlineData("Get-SmcBlocklist -Session $s -Engine edge-1 | Remove-SmcBlocklistEntry -Session $s -WhatIf")]
    [InlineData("Get-SmcVpnSa -Session $s -Engine vpn-1 | Remove-SmcVpnSa -Session $s -WhatIf")]
    [InlineData("Clear-SmcBlocklist -Session $s -Engine edge-1 -WhatIf")]
    public void What_if_changes_nothing(string command)
    {
        var (_, errors) = Run(command);
        Assert.Empty(errors);
        Assert.Empty(_fixture.Writes());
    }

    [Fact]
    public void A_refused_write_says_the_api_client_lacks_the_right_with_the_smcs_text()
    {
        _fixture.Simulator.Faults.RefuseWrites = true;
        var (_, errors) = Run($"Add-SmcBlocklistEntry -Session $s -Engine edge-1 -Source 192.0.2.10 -Duration {Hour}");
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcRequestForbidden", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("refused to add the block-list entry 192.0.2.10/32 -> any for 01:00:00 to the engine 'edge-1' (HTTP 403", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("lacks the right", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("does not grant the permission to change this element", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Piped_entries_are_deleted_each_on_its_own_and_an_entry_already_gone_is_one_error()
    {
        var entries = Run("Get-SmcBlocklist -Session $s -Engine edge-2").Output.Select(o => (SmcBlocklistEntry)o.BaseObject).Take(3).ToList();
        _fixture.Host.RunClean("Remove-SmcBlocklistEntry -Session $s -Href $h -Confirm:$false", new System.Collections.Generic.Dictionary<string, object?> { ["h"] = entries[1]["Href"], ["s"] = _session });
        _fixture.Simulator.ClearRequests();
        var (output, errors) = _fixture.Host.Run("$e | Remove-SmcBlocklistEntry -Session $s -PassThru", new System.Collections.Generic.Dictionary<string, object?> { ["e"] = entries.ToArray(), ["s"] = _session });
        Assert.Equal(3, _fixture.Writes().Count(w => w.Method == "DELETE"));
        Assert.Equal(new[] { entries[0], entries[2] }, output.Select(o => o.BaseObject));
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcResourceNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains($"delete the block-list entry {entries[1]["EntryId"]} of edge-2", error.Exception.Message, StringComparison.Ordinal);
        Assert.Same(entries[1], error.TargetObject);
    }

    [Fact]
    public void A_record_without_an_href_says_why_it_cannot_be_deleted()
    {
        var shape = SessionMonitor.BlockList.DefaultShape;
        var values = new object?[shape.Columns.Count];
        values[shape.IndexOfProperty("EntryId")] = "4401";
        values[shape.IndexOfProperty("Engine")] = "edge-1";
        var record = SessionMonitor.BlockList.Create(shape, values);
        var (_, errors) = _fixture.Host.Run("$r | Remove-SmcBlocklistEntry -Session $s -Confirm:$false", new System.Collections.Generic.Dictionary<string, object?> { ["r"] = record, ["s"] = _session });
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcHrefMissing", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("The block-list entry 4401 of edge-1 has no Href, so it cannot be deleted: the SMC sent no block_list_href or blacklist_href with it", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Writes());
    }

    [Fact]
    public void An_href_of_another_smc_is_not_sent_the_sessions_credentials()
    {
        var (_, errors) = Run("Remove-SmcVpnSa -Session $s -Href 'https://smc.example:8082/7.1/elements/single_fw/1/vpn_sa/MQ==', 'not a url' -Confirm:$false");
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("SmcHrefInvalid", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.Contains("is not on the SMC of session", errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("'not a url' (-Href) is not an absolute http or https URL", errors[1].Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Simulator.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public void A_record_of_the_other_kind_is_refused_rather_than_deleted_by_the_wrong_cmdlet()
    {
        var (_, errors) = Run("Get-SmcVpnSa -Session $s -Engine vpn-1 | Select-Object -First 1 | Remove-SmcBlocklistEntry -Session $s -Confirm:$false");
        var error = Assert.Single(errors);
        Assert.StartsWith("SmcHrefInvalid", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("is not a block-list entry's: its path holds /vpn_sa/. Delete it with Remove-SmcVpnSa.", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Writes());
    }

    [Fact]
    public void Vpn_sas_are_deleted_by_their_href_from_the_pipeline()
    {
        var (output, errors) = Run("Get-SmcVpnSa -Session $s -Engine vpn-1 | Select-Object -First 2 | Remove-SmcVpnSa -Session $s -Confirm:$false -PassThru");
        Assert.Empty(errors);
        var deletes = _fixture.Writes();
        Assert.Equal(2, deletes.Length);
        Assert.All(deletes, d => Assert.Matches("^/7.1/elements/single_fw/[0-9]+/vpn_sa/.+$", d.Path));
        Assert.Equal(output.Select(o => new Uri((string)((SmcVpnSa)o.BaseObject)["Href"]!).AbsolutePath), deletes.Select(d => d.Path));
        Assert.Equal(6, Run("Get-SmcVpnSa -Session $s -Engine vpn-1").Output.Count);
    }

    [Fact]
    public void Clear_asks_first_then_flushes_the_engines_block_list()
    {
        Assert.NotEmpty(Run("Get-SmcBlocklist -Session $s -Engine flush-me").Output);
        var (_, unconfirmed) = Run("Clear-SmcBlocklist -Session $s -Engine flush-me");
        Assert.StartsWith("HostFunctionNotImplemented", Assert.Single(unconfirmed).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_fixture.Writes());
        var (_, errors) = Run("Clear-SmcBlocklist -Session $s -Engine flush-me -Confirm:$false");
        Assert.Empty(errors);
        Assert.Matches("^/7.1/elements/single_fw/[0-9]+/flush_block_list$", Assert.Single(_fixture.Writes(), w => w.Method == "DELETE").Path);
        Assert.Empty(Run("Get-SmcBlocklist -Session $s -Engine flush-me").Output);
    }

    private static void AssertJson(string golden, string actual)
    {
        var expected = JToken.Parse(golden);
        var sent = JToken.Parse(actual);
        Assert.True(JToken.DeepEquals(expected, sent), $"expected {expected.ToString(Newtonsoft.Json.Formatting.None)}\nsent     {sent.ToString(Newtonsoft.Json.Formatting.None)}");
    }
}
