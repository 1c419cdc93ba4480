using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the connection table of SMC engines.</para>
/// <para type="description">Get-SmcConnection returns the connections an engine tracks (the SMC's CONNECTIONS monitor): a snapshot of the current table by default, every change with -Live. Each SmcConnection has the fields of the reference client's Connection element (Timestamp, Sender, Src, SrcPort, SrcZone, Dst, DstPort, DstZone, Service, Application, Protocol, State) plus Engine, Change, FirstFetch and DeltaKey.</para>
/// </summary>
/// <example>
/// <code>Get-SmcConnection -Engine sg_vm | Export-Csv connections.csv</code>
/// <para>All current connections of the engine sg_vm, as CSV (the reference client's ConnectionQuery('sg_vm').fetch_batch(CSVFormat)).</para>
/// </example>
/// <example>
/// <code>'fw-east','fw-west' | Get-SmcConnection | Group-Object Engine</code>
/// <para>Connections of two engines, counted per engine; engine names bind from the pipeline.</para>
/// </example>
/// <example>
/// <code>Get-SmcConnection -Engine fw-east -Live | Where-Object Change -eq 'Deleted'</code>
/// <para>Streams closed connections until Ctrl+C.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcConnection")]
[OutputType(typeof(SmcConnection), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcConnection#Fields")]
public sealed class GetSmcConnectionCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The engines (or clusters) to query, by name. Binds from the pipeline: strings, or objects with a Name property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    internal override SessionMonitor Monitor => SessionMonitor.Connections;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(ValidateEngineNames(ResolveSession(), Engine!));
}
