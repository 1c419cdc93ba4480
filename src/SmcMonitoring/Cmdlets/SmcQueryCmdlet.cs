using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Collections;
using SmcMonitoring.Fields;
using SmcMonitoring.Filters;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>The parameters and the read loop every monitoring query cmdlet shares.</summary>
public abstract partial class SmcQueryCmdlet : SmcCmdlet
{
    /// <summary>Only this module's cmdlets derive from this class.</summary>
    private protected SmcQueryCmdlet()
    {
    }


    /// <summary>
    /// <para type="description">The session to query. Defaults to the most recent session of Connect-SmcSession in this runspace; pass it explicitly in ForEach-Object -Parallel blocks (-Session $using:s).</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = false)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <summary>
    /// <para type="description">A filter the SMC evaluates: a hashtable (keys are fields, values one value or a list; several keys must all match; special keys Or, And, Not, Defined, Expression, Like, FilterElement) or a scriptblock such as { $_.Src -eq '10.0.0.1' -and $_.DstPort -in 80, 443 }. See about_SmcMonitoring_Filters.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [FilterArgumentTransformation]
    public SmcFilterArgument? Filter { get; set; }

    /// <summary>
    /// <para type="description">The fields to return, by record property name, SMC field name, display name or numeric id (tab completion lists them). Records then have exactly these properties, in this order.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? Field { get; set; }

    /// <summary>
    /// <para type="description">The time zone the SMC writes times in for -Raw records, with the zone appended: an IANA name (America/Chicago, Europe/Helsinki), a Windows name ('Central Standard Time', sent to the SMC as its IANA name) or one of the SMC's short ids (CST, UTC). Tab completes the names. Typed records are not affected: their times are always the exact instants, in this machine's local time.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? TimeZone { get; set; }

    /// <summary>
    /// <para type="description">More of the SMC's value rendering options, as one hashtable: Senders (names instead of ids; on by default), TimeShowZone, TimeShowMillis, Keys (labels for key values), IpElements (element names for addresses), IpDns (reverse DNS) and IpLocations (geographic locations), each $true or $false. For example -Resolving @{ TimeShowMillis = $true; IpElements = $true }.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public System.Collections.Hashtable? Resolving { get; set; }

    /// <summary>
    /// <para type="description">Return the SMC's records as ordered dictionaries, keyed as the SMC keys them (see -FieldFormat), with every field the SMC sent.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <summary>
    /// <para type="description">How -Raw records are keyed: Name (SMC field names such as Src, the default), Pretty (display labels such as "Src Addr") or Id (field ids such as 7).</para>
    /// </summary>
    [Parameter]
    public FieldFormat FieldFormat { get; set; } = FieldFormat.Name;

    /// <summary>
    /// <para type="description">The most seconds the query may take, opening its socket and any reconnection included. Reaching it is a failure: the query stops with an error after the records it returned. To let a live query run for a while and end normally, use -Duration.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    /// <summary>
    /// <para type="description">Do not reopen the socket of a live query (-Live) when it drops: the query then ends with an error.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter NoReconnect { get; set; }

    /// <summary>
    /// <para type="description">How often a live query (-Live) tries to reopen a dropped socket, with waits doubling from 1 s up to 30 s. Defaults to 10.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxReconnectAttempts { get; set; } = 10;

    /// <summary>
    /// <para type="description">How long the SMC may send nothing. For stored logs the default is 300 seconds (a slow archive search sends nothing for minutes) and reaching it is a failure; for a snapshot of a session monitor it replaces the silence after which a snapshot without an end sign is taken as complete (10 seconds by default); a live query has no limit unless you give one, and reaching it is a failure.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int InactivityTimeoutSec { get; set; }

    /// <summary>The session to use: -Session, else this runspace's default; a terminating error when there is none.</summary>
    private protected SmcSession ResolveSession() => ResolveSession(Session);

    /// <summary>The fields of -Field, resolved through the catalog; a terminating error names any unknown one.</summary>
    private protected IReadOnlyList<FieldDefinition> ResolveFields(IEnumerable<string> names)
    {
        var fields = new List<FieldDefinition>();
        var seen = new HashSet<int>();
        foreach (var name in names)
        {
            var field = FieldCatalog.Default.Find(name) ?? UnknownId(name);
            if (field is null)
            {
                var closest = string.Join(", ", FieldCatalog.Default.ClosestNames(name));
                ThrowError(SmcErrors.FieldNotFound, $"Cannot find a field named '{name}' (-Field). Closest field names: {closest}. Field names, SMC names, display names and numeric ids are accepted.", name);
            }
            if (seen.Add(field!.Id)) { fields.Add(field); }
        }
        return fields;
    }

    /// <summary>
    /// The resolving options from -TimeZone and -Resolving; a terminating error names an unknown key. Typed records
    /// (without -Raw) always ask for UTC with the zone and milliseconds shown, whatever -TimeZone and -Resolving say:
    /// that makes each time an exact instant (docs/protocol.md 6.3), which the record then holds in local time.
    /// </summary>
    private protected ResolvingOptions BuildResolving()
    {
        var options = new ResolvingOptions { TimeZone = TimeZone is null ? null : SmcTimeZoneName(TimeZone) };
        foreach (DictionaryEntry entry in Resolving ?? new System.Collections.Hashtable())
        {
            var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            var value = LanguagePrimitives.IsTrue(entry.Value);
            switch (key.Replace("_", string.Empty).ToUpperInvariant())
            {
                case "SENDERS": options.Senders = value; break;
                case "TIMESHOWZONE": options.TimeShowZone = value; break;
                case "TIMESHOWMILLIS": options.TimeShowMillis = value; break;
                case "KEYS": options.Keys = value; break;
                case "IPELEMENTS": options.IpElements = value; break;
                case "IPDNS": options.IpDns = value; break;
                case "IPLOCATIONS": options.IpLocations = value; break;
                default:
                    ThrowError(SmcErrors.ResolvingKeyInvalid, $"-Resolving has an unknown key '{key}'. Valid keys: Senders, TimeShowZone, TimeShowMillis, Keys, IpElements, IpDns, IpLocations.", key);
                    break;
            }
        }
        if (!Raw)
        {
            options.TimeZone = ResolvingOptions.Utc;
            options.TimeShowZone = true;
            options.TimeShowMillis = true;
        }
        return options;
    }

    /// <summary>The name -TimeZone is sent as; a terminating error names an unknown zone and the closest names.</summary>
    private string SmcTimeZoneName(string name)
    {
        if (TimeZoneNames.ToSmcName(name) is { } known) { return known; }
        var closest = string.Join(", ", TimeZoneNames.Closest(name).Select(n => $"'{n}'"));
        var advice = TimeZoneNames.ConvertsWindowsNames
            ? "IANA names (America/Chicago), Windows names ('Central Standard Time') and the SMC's short ids (CST, UTC) are accepted; Tab completes them."
            : "Windows PowerShell cannot turn Windows names into the IANA names the SMC needs: give the IANA name (America/Chicago) or a short id (CST, UTC).";
        ThrowError(SmcErrors.TimeZoneNotFound, $"Cannot find a time zone named '{name}' (-TimeZone). Closest names: {closest}. {advice}", name);
        return name;
    }

    /// <summary>The -Filter translated to the SMC's filter tree (null without -Filter); a terminating error explains a bad filter.</summary>
    private protected SmcFilter? TranslateFilter()
    {
        var value = PlainValues.Of(Filter?.Value);
        try
        {
            switch (value)
            {
                case null:
                    return null;
                case IDictionary table:
                    return HashtableFilterParser.Parse(table);
                case ScriptBlock script:
                    return ScriptBlockFilterTranslator.Translate((ScriptBlockAst)script.Ast, name => PlainValues.Of(SessionState.PSVariable.GetValue(name)));
                case string text when text.Trim().Length > 0:
                    return new TranslatedFilter(text);
                default:
                    throw SmcErrors.FilterTypeInvalid.Create($"-Filter takes a hashtable, a scriptblock or an SMC filter expression string, not {value.GetType().Name}.");
            }
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, value));
            return null;
        }
    }

    private static FieldDefinition? UnknownId(string name) =>
        int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? new FieldDefinition(id, Array.Empty<string>(), "Field" + id, "Field " + id, "Field" + id, FieldKind.String, "a field this module has no name for")
            : null;
}
