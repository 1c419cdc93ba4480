using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the neighbors (ARP and neighbor discovery entries) seen by SMC engines.</para>
/// <para type="description">Get-SmcNeighbor returns the neighbor table (the SMC's NEIGHBORS monitor): Sender, ReceptionTime, SenderDomain, Message, DataType, DataTags, NeighborState, NeighborInterface, NeighborProtocol, NeighborL3Data and NeighborL2Data, plus Engine, Change, FirstFetch and DeltaKey. -Engine is optional: without it the query has no target, as the reference client sends it.</para>
/// </summary>
/// <example>
/// <code>Get-SmcNeighbor -Engine sg_vm</code>
/// <para>The neighbors of sg_vm.</para>
/// </example>
/// <example>
/// <code>Get-SmcNeighbor -Engine sg_vm | Where-Object NeighborProtocol -eq 'IPv6'</code>
/// <para>IPv6 neighbors only.</para>
/// </example>
/// <example>
/// <code>Get-SmcNeighbor</code>
/// <para>Neighbors without a target.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcNeighbor")]
[OutputType(typeof(SmcNeighbor), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcNeighbor#Fields")]
public sealed class GetSmcNeighborCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The engines (or clusters) to query, by name. Binds from the pipeline: strings, or objects with a Name property.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    internal override SessionMonitor Monitor => SessionMonitor.Neighbors;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(Engine is null ? new string?[] { null } : ValidateEngineNames(ResolveSession(), Engine));
}
