using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Queries;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets SMC log fields: ids, names, display names and value kinds.</para>
/// <para type="description">Get-SmcLogField resolves field names and ids through the module's field catalog, the same catalog that checks -Field and completes it with Tab. With a session (the default one, or -Session) it also asks the SMC to describe the fields (a detailed-format probe, cached per session), so Name, DisplayName and Description are the SMC's own spellings. Names accept wildcards and match the record property name, the SMC name and the display name.</para>
/// </summary>
/// <example>
/// <code>Get-SmcLogField Src, Dst, 602</code>
/// <para>Describes three fields by name and by id.</para>
/// </example>
/// <example>
/// <code>Get-SmcLogField *Port* | Format-Table Id, Property, Name, DisplayName, Kind</code>
/// <para>Every field whose name contains Port.</para>
/// </example>
/// <example>
/// <code>Get-SmcLogField -Monitor Connections</code>
/// <para>The default fields of connection records, in column order.</para>
/// </example>
/// <example>
/// <code>Get-SmcLogField -Offline | Where-Object Kind -eq Ip</code>
/// <para>Every address field the module knows, without asking the SMC.</para>
/// </example>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcLogField", DefaultParameterSetName = NameSet)]
[OutputType(typeof(SmcFieldInfo))]
public sealed class GetSmcLogFieldCommand : SmcCmdlet
{
    private const string NameSet = "Name";
    private const string MonitorSet = "Monitor";

    /// <summary>
    /// <para type="description">Field names (property, SMC or display names; wildcards allowed) or numeric ids. Defaults to every field.</para>
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>
    /// <para type="description">The default fields of a monitor, in column order: Logs, Connections, BlockList, Routing, Users, SslVpnUsers, VpnSa, ActiveAlerts or Neighbors.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = MonitorSet)]
    [ValidateSet("Logs", "Connections", "BlockList", "Routing", "Users", "SslVpnUsers", "VpnSa", "ActiveAlerts", "Neighbors", IgnoreCase = true)]
    public string? Monitor { get; set; }

    /// <summary>
    /// <para type="description">The session whose SMC describes the fields. Defaults to the default session of this runspace; without any session only the catalog answers.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <summary>
    /// <para type="description">Answer from the module's catalog only, without asking the SMC.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var fields = ParameterSetName == MonitorSet ? MonitorFields() : NamedFields();
        if (fields.Count == 0) { return; }
        IReadOnlyDictionary<int, Protocol.FieldDescriptor> described = new Dictionary<int, Protocol.FieldDescriptor>();
        var session = Offline ? null : Session ?? SessionRegistry.GetDefault(CurrentRunspace);
        if (session != null)
        {
            try
            {
                described = FieldProbe.DescribeAsync(session, fields.Select(f => f.Id).ToList(), Cancellation).GetAwaiter().GetResult();
            }
            catch (SmcException ex)
            {
                WriteWarning($"The SMC did not describe the fields ({ex.Message}); showing the module's catalog.");
            }
        }
        foreach (var field in fields)
        {
            var info = new SmcFieldInfo { Id = field.Id, Property = field.Property, Name = field.Name, DisplayName = field.DisplayName, Kind = field.Kind, Description = field.Meaning };
            if (described.TryGetValue(field.Id, out var smc))
            {
                info.Name = smc.Name ?? info.Name;
                info.DisplayName = smc.Pretty ?? info.DisplayName;
                info.Description = smc.Comment ?? info.Description;
                info.Filterable = smc.Filterable;
                info.RawType = smc.RawType;
                info.Source = "SMC";
            }
            WriteObject(info);
        }
    }

    private List<FieldDefinition> MonitorFields()
    {
        var ids = string.Equals(Monitor, "Logs", StringComparison.OrdinalIgnoreCase)
            ? Records.LogShapes.DefaultFieldIds
            : SessionMonitor.All.First(m => string.Equals(m.Name, Monitor, StringComparison.OrdinalIgnoreCase)).DefaultFieldIds;
        return ids.Select(id => FieldCatalog.Default.FindById(id)!).ToList();
    }

    private List<FieldDefinition> NamedFields()
    {
        if (Name is null) { return FieldCatalog.Default.Fields.ToList(); }
        var result = new List<FieldDefinition>();
        foreach (var name in Name)
        {
            List<FieldDefinition> matches;
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                matches = FieldCatalog.Default.Fields.Where(f => pattern.IsMatch(f.Property) || pattern.IsMatch(f.Name) || pattern.IsMatch(f.DisplayName)).ToList();
            }
            else
            {
                matches = FieldCatalog.Default.Find(name) is { } field ? new List<FieldDefinition> { field } : new List<FieldDefinition>();
                if (matches.Count == 0)
                {
                    var closest = string.Join(", ", FieldCatalog.Default.ClosestNames(name));
                    WriteError(ToErrorRecord(SmcErrors.FieldNotFound.Create($"Cannot find a field named '{name}'. Closest field names: {closest}."), name));
                }
            }
            result.AddRange(matches.Where(m => !result.Contains(m)));
        }
        return result;
    }
}
