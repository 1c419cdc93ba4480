using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the VPN security associations of SMC engines.</para>
/// <para type="description">Get-SmcVpnSa returns the IPsec and IKE security associations of an engine (the SMC's VPN_SA monitor): Timestamp, Sender, Vpn, SecurityGateway, PeerSecurityGateway, IkeCookie, Endpoint, PeerEndpoint, SaClass, CipherAlgorithm, NegotiationRole, SrcAddrs, DstAddrs, Protocol, NumBytesSent, NumBytesReceived and ExpirationTime, plus Engine, Href (to delete the SA), Change, FirstFetch and DeltaKey.</para>
/// </summary>
/// <example>
/// <code>Get-SmcVpnSa -Engine sg_vm</code>
/// <para>All VPN SAs of sg_vm (the reference client's VPNSAQuery('sg_vm').fetch_as_element()).</para>
/// </example>
/// <example>
/// <code>Get-SmcVpnSa -Engine sg_vm | Where-Object SaClass -eq 'IKE' | Sort-Object NumBytesSent -Descending</code>
/// <para>IKE SAs, busiest first.</para>
/// </example>
/// <example>
/// <code>Get-SmcVpnSa -Engine sg_vm -Live</code>
/// <para>Streams SA changes until Ctrl+C.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
/// <seealso cref="RemoveSmcVpnSaCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcVpnSa")]
[OutputType(typeof(SmcVpnSa), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcVpnSa#Fields")]
public sealed class GetSmcVpnSaCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The engines (or clusters) to query, by name. Binds from the pipeline: strings, or objects with a Name property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    internal override SessionMonitor Monitor => SessionMonitor.VpnSa;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(ValidateEngineNames(ResolveSession(), Engine!));
}
