using System.Collections.Generic;
using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the block list (blacklist) entries of SMC engines.</para>
/// <para type="description">Get-SmcBlocklist returns the block-list entries of an engine: the SMC's BLOCK_LIST monitor, or BLACKLIST on SMCs older than 7.0 (the cmdlet asks the SMC's version once per session). Like the reference client it asks for a combined format, so EntryId is the entry id the SMC shows and Href is the element to DELETE the entry with. Each SmcBlocklistEntry has EntryId, Timestamp, Blocklister, the source and destination addresses with their prefix lengths, protocol, ports and port ranges, duration, Sender, SenderDomain and the entry key, plus Engine, Href, Change, FirstFetch and DeltaKey.</para>
/// </summary>
/// <example>
/// <code>Get-SmcBlocklist -Engine sg_vm</code>
/// <para>All block-list entries of sg_vm.</para>
/// </example>
/// <example>
/// <code>Get-SmcBlocklist -Engine sg_vm | Where-Object BlocklistDuration -gt 3600</code>
/// <para>Entries blocked for more than an hour; their times are [datetime] values in local time.</para>
/// </example>
/// <example>
/// <code>Get-SmcBlocklist -Engine sg_vm | Where-Object BlocklistSourceIp -eq '198.51.100.7' | Remove-SmcBlocklistEntry</code>
/// <para>Removes the entries that block 198.51.100.7: Remove-SmcBlocklistEntry deletes each by its Href.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
/// <seealso cref="AddSmcBlocklistEntryCommand"/>
/// <seealso cref="RemoveSmcBlocklistEntryCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcBlocklist")]
[Alias("Get-SmcBlacklist")]
[OutputType(typeof(SmcBlocklistEntry), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcBlocklistEntry#Fields")]
public sealed class GetSmcBlocklistCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The engines (or clusters) to query, by name. Binds from the pipeline: strings, or objects with a Name property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    internal override SessionMonitor Monitor => SessionMonitor.BlockList;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(ValidateEngineNames(ResolveSession(), Engine!));
}
