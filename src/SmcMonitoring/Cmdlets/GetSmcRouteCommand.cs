using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the routing table of SMC engines.</para>
/// <para type="description">Get-SmcRoute returns the routes an engine uses (the SMC's ROUTING monitor): ReceptionTime, Sender, DstIf, DstVlan, DstZone, RouteGateway, RouteNetwork, RouteNetmask, RouteType and RouteMetric, plus Engine, Change, FirstFetch and DeltaKey.</para>
/// </summary>
/// <example>
/// <code>Get-SmcRoute -Engine sg_vm</code>
/// <para>All current routes of sg_vm (the reference client's RoutingQuery('sg_vm')).</para>
/// </example>
/// <example>
/// <code>Get-SmcRoute -Engine sg_vm -Raw</code>
/// <para>The routes as the SMC sends them, as ordered dictionaries (the reference client's RawDictFormat).</para>
/// </example>
/// <example>
/// <code>Get-SmcRoute -Engine fw-east | Where-Object RouteType -eq 'Static' | Sort-Object RouteMetric</code>
/// <para>Static routes, lowest metric first.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcRoute")]
[OutputType(typeof(SmcRoute), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcRoute#Fields")]
public sealed class GetSmcRouteCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The engines (or clusters) to query, by name. Binds from the pipeline: strings, or objects with a Name property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    internal override SessionMonitor Monitor => SessionMonitor.Routing;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(ValidateEngineNames(ResolveSession(), Engine!));
}
