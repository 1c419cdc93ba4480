using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the users authenticated on SMC engines.</para>
/// <para type="description">Get-SmcUser returns the users an engine has authenticated (the SMC's USERS monitor): Timestamp, UserName, Src, Sender, SenderDomain, ExpirationTime and IdService, plus Engine, Change, FirstFetch and DeltaKey.</para>
/// </summary>
/// <example>
/// <code>Get-SmcUser -Engine sg_vm</code>
/// <para>All authenticated users of sg_vm (the reference client's UserQuery('sg_vm').fetch_as_element()).</para>
/// </example>
/// <example>
/// <code>Get-SmcUser -Engine sg_vm | Where-Object UserName -like '*@example.com'</code>
/// <para>Users of one directory domain.</para>
/// </example>
/// <example>
/// <code>Get-SmcUser -Engine sg_vm -Live -TimeoutSec 60</code>
/// <para>Logins and logouts for one minute.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcUser")]
[OutputType(typeof(SmcUser), typeof(System.Collections.Specialized.OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcUser#Fields")]
public sealed class GetSmcUserCommand : SmcSessionMonitorCmdlet
{
    /// <summary>
    /// <para type="description">The engines (or clusters) to query, by name. Binds from the pipeline: strings, or objects with a Name property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    internal override SessionMonitor Monitor => SessionMonitor.Users;

    /// <inheritdoc/>
    protected override void ProcessRecord() => QueryTargets(ValidateEngineNames(ResolveSession(), Engine!));
}
