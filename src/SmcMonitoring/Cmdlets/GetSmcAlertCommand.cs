using System.Management.Automation;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the active alerts of an SMC administrative domain.</para>
/// <para type="description">Get-SmcAlert returns the alerts that are active in a domain (the SMC's ACTIVE_ALERTS monitor; its target is the domain, 'Shared Domain' by default): Timestamp, Severity, Action, Sender, Src, Dst, Service, Protocol, SrcPort, DstPort, Situation and VulnerabilityReferences, plus Domain, Change, FirstFetch and DeltaKey. Severity is an SmcSeverity (Info, Low, High, Critical), so it sorts and compares.</para>
/// </summary>
/// <example>
/// <code>Get-SmcAlert -Raw -TimeZone America/Chicago</code>
/// <para>All active alerts of the Shared Domain as the SMC sends them, times written in Chicago time (the reference client's ActiveAlertQuery('Shared Domain', timezone='America/Chicago')). Without -Raw, times are local [datetime] values whatever -TimeZone says.</para>
/// </example>
/// <example>
/// <code>Get-SmcAlert | Where-Object Severity -ge 'High' | Sort-Object Timestamp -Descending</code>
/// <para>High and critical alerts, newest first.</para>
/// </example>
/// <example>
/// <code>'Branches','Headquarters' | Get-SmcAlert | Group-Object Domain, Severity</code>
/// <para>Alerts of two domains, counted per domain and severity.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcAlert")]
[OutputType(typeof(SmcAlert), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcAlert#Fields")]
public sealed class GetSmcAlertCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The administrative domains whose active alerts to get. Defaults to 'Shared Domain'. Binds from the pipeline.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DomainCompleter))]
    public string[] Domain { get; set; } = { SmcConnectionSettings.SharedDomain };

    internal override SessionMonitor Monitor => SessionMonitor.ActiveAlerts;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(Domain);
}
