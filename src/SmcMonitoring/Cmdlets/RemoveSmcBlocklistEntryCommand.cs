using System.Management.Automation;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Removes block-list (blacklist) entries from SMC engines.</para>
/// <para type="description">Remove-SmcBlocklistEntry deletes block-list entries by their href, as the reference client's entry.delete() does: pipe records from Get-SmcBlocklist, or give -Href. Each entry is deleted as it arrives; an entry that fails (already gone, refused) is a non-terminating error and the next one still goes. A record without an Href is an error that says why it cannot be deleted. Hrefs must be on the session's SMC, which only receives its own session's credentials. -WhatIf shows each entry and deletes nothing; -PassThru writes each deleted record. Watching Get-SmcBlocklist -Live sees each removed entry as Deleted.</para>
/// </summary>
/// <example>
/// <code>Get-SmcBlocklist -Engine fw-east | Where-Object BlocklistSourceIp -eq '198.51.100.7' | Remove-SmcBlocklistEntry</code>
/// <para>Removes every entry of fw-east that blocks 198.51.100.7 (the reference client's entry.delete()).</para>
/// </example>
/// <example>
/// <code>Get-SmcBlocklist -Engine fw-east | Remove-SmcBlocklistEntry -WhatIf</code>
/// <para>Shows which entries would be removed, without removing any.</para>
/// </example>
/// <example>
/// <code>Remove-SmcBlocklistEntry -Href 'https://smc.example:8082/7.1/elements/single_fw/1649/block_list/MQ==' -Confirm:$false</code>
/// <para>Removes one entry by its href, without asking.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="GetSmcBlocklistCommand"/>
/// <seealso cref="AddSmcBlocklistEntryCommand"/>
/// <seealso cref="ClearSmcBlocklistCommand"/>
[Cmdlet(VerbsCommon.Remove, "SmcBlocklistEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RecordSet)]
[OutputType(typeof(SmcBlocklistEntry), typeof(string))]
public sealed class RemoveSmcBlocklistEntryCommand : SmcRecordRemovalCmdlet
{
    /// <summary>
    /// <para type="description">Block-list entries from Get-SmcBlocklist, by pipeline: each is deleted by its Href.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = RecordSet, ValueFromPipeline = true)]
    public SmcBlocklistEntry[]? InputObject { get; set; }

    private protected override string Noun => "block-list entry";

    private protected override string HrefKeys => "block_list_href or blacklist_href";

    private protected override (string[] Segments, string Cmdlet) OtherKind => (new[] { "vpn_sa" }, "Remove-SmcVpnSa");

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == HrefSet)
        {
            RemoveHrefs();
            return;
        }
        foreach (var entry in InputObject ?? new SmcBlocklistEntry[0])
        {
            var id = TextOf(entry, "EntryId") ?? TextOf(entry, "BlocklistEntryId");
            var source = TextOf(entry, "BlocklistSourceIp");
            var destination = TextOf(entry, "BlocklistDestinationIp");
            var what = source is null ? string.Empty : $" ({source} -> {destination ?? "any"})";
            Remove(entry, $"block-list entry {id ?? "(no id)"} of {TextOf(entry, "Engine") ?? "an engine"}{what}");
        }
    }
}
