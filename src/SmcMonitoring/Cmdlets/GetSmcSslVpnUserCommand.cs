using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the SSL VPN sessions of SMC engines.</para>
/// <para type="description">Get-SmcSslVpnUser returns the SSL VPN sessions of an engine (the SMC's SSLVPNV2 monitor): SessionStart, SessionTimeout, Sender, Src and UserName, plus Engine, Change, FirstFetch and DeltaKey.</para>
/// </summary>
/// <example>
/// <code>Get-SmcSslVpnUser -Engine sg_vm | Format-Table</code>
/// <para>All SSL VPN sessions of sg_vm as a table (the reference client's SSLVPNQuery('sg_vm').fetch_batch(TableFormat)).</para>
/// </example>
/// <example>
/// <code>Get-SmcSslVpnUser -Engine sg_vm | Where-Object SessionTimeout -lt (Get-Date).AddMinutes(10)</code>
/// <para>Sessions that expire within ten minutes.</para>
/// </example>
/// <example>
/// <code>Get-SmcSslVpnUser -Engine sg_vm -Field UserName, Src</code>
/// <para>Only the user names and addresses.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcSslVpnUser")]
[OutputType(typeof(SmcSslVpnUser), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcSslVpnUser#Fields")]
public sealed class GetSmcSslVpnUserCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The engines (or clusters) to query, by name. Binds from the pipeline: strings, or objects with a Name property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    internal override SessionMonitor Monitor => SessionMonitor.SslVpnUsers;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(ValidateEngineNames(ResolveSession(), Engine!));
}
