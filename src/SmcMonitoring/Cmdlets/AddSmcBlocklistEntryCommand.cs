using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Blocklist;
using SmcMonitoring.Errors;
using SmcMonitoring.Fields;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Adds block-list (blacklist) entries to SMC engines.</para>
/// <para type="description">Add-SmcBlocklistEntry asks the SMC to block traffic from -Source to -Destination (each an IP address, a network in CIDR form or 'any', the default; a bare address means /32 or /128), optionally only on -SourcePort and -DestinationPort (a port or a range such as 1000-1500) of -Protocol Tcp (the default with ports) or Udp, for -Duration. It sends exactly what the reference client's prepare_block_list builds, to the engine's block_list link (blacklist when the session's API version is below 7.0); with -Global the entry goes to the SMC's system element and applies on every engine. Input from the pipeline is collected and each engine gets all its entries in one request at the end (duplicates sent once). Log records, connections and any object with Src, Dst, SrcPort, DstPort and Protocol properties bind by those names, so each record becomes an entry for its connection; select only Src to block whole sources. An entry from any to any on every port is refused. -WhatIf shows each entry and changes nothing (the engine names are still checked against the SMC's list); -Global asks for confirmation (ConfirmImpact High) unless -Confirm:$false. Engine names are checked before anything is sent. Entries the SMC refuses are errors that carry its message; an API client without the right gets an error that says so.</para>
/// </summary>
/// <example>
/// <code>Add-SmcBlocklistEntry -Engine fw-east -Source 198.51.100.7 -Duration (New-TimeSpan -Hours 1)</code>
/// <para>Blocks everything from 198.51.100.7 through fw-east for an hour (the reference client's engine.block_list('198.51.100.7/32', 'any', duration=3600)).</para>
/// </example>
/// <example>
/// <code>Add-SmcBlocklistEntry -Engine fw-east, fw-west -Source 203.0.113.0/24 -Destination 10.1.2.3 -DestinationPort 22 -Duration '00:30:00'</code>
/// <para>Blocks SSH (TCP port 22) from a network to one host on two engines for 30 minutes.</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -Filter @{ Action = 'Discard' } | Select-Object Src -Unique | Add-SmcBlocklistEntry -Engine fw1 -Duration (New-TimeSpan -Hours 1) -PassThru</code>
/// <para>Blocks the sources of the newest discarded connections on fw1 for an hour, in one request, and shows the entries sent.</para>
/// </example>
/// <example>
/// <code>Get-SmcConnection -Engine fw-east -Filter @{ DstPort = 23 } | Add-SmcBlocklistEntry -Duration (New-TimeSpan -Minutes 10) -WhatIf</code>
/// <para>Shows the entries that would block each telnet connection of fw-east (the engine binds from the connections' Engine property), without sending anything.</para>
/// </example>
/// <example>
/// <code>Add-SmcBlocklistEntry -Global -Source 192.0.2.66 -SourcePort 1000-1500 -Protocol Udp -Duration (New-TimeSpan -Days 1) -Confirm:$false</code>
/// <para>A global entry, applied on every engine: UDP from ports 1000 to 1500 of 192.0.2.66, for a day, without the confirmation prompt.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="GetSmcBlocklistCommand"/>
/// <seealso cref="RemoveSmcBlocklistEntryCommand"/>
/// <seealso cref="ClearSmcBlocklistCommand"/>
[Cmdlet(VerbsCommon.Add, "SmcBlocklistEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = EngineSet)]
[OutputType(typeof(SmcBlocklistEntryRequest))]
public sealed class AddSmcBlocklistEntryCommand : SmcCmdlet
{
    private const string EngineSet = "Engine";
    private const string GlobalSet = "Global";

    // Entries per engine (the empty name for -Global), in the order engines first appeared.
    private readonly Dictionary<string, List<SmcBlocklistEntryRequest>> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private SmcSession? _session;
    private bool _globalYesToAll;
    private bool _globalNoToAll;

    /// <summary>
    /// <para type="description">The engines (or clusters) to add the entries to, by name (Tab completes them). Binds from the pipeline by property name (Engine, or Name), so connections keep their engine.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = EngineSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    /// <summary>
    /// <para type="description">Add a global entry instead, which the SMC applies on every engine (POSTed to the system element). Asks for confirmation unless -Confirm:$false.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = GlobalSet)]
    public SwitchParameter Global { get; set; }

    /// <summary>
    /// <para type="description">The source to block: an IP address (10.1.2.3 means 10.1.2.3/32), a network in CIDR form (10.1.0.0/16) or 'any' (the default). Binds from the Src property of piped records.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Src")]
    public string? Source { get; set; }

    /// <summary>
    /// <para type="description">The destination to block: an IP address, a network in CIDR form or 'any' (the default). Binds from the Dst property of piped records.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Dst")]
    public string? Destination { get; set; }

    /// <summary>
    /// <para type="description">Block only these source ports: a port (443) or a range (1000-1500). Binds from the SrcPort property of piped records. Without it, every source port.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SrcPort")]
    public string? SourcePort { get; set; }

    /// <summary>
    /// <para type="description">Block only these destination ports: a port or a range. Binds from the DstPort property of piped records. Without it, every destination port.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DstPort")]
    public string? DestinationPort { get; set; }

    /// <summary>
    /// <para type="description">The protocol of the ports: Tcp (the default when ports are given) or Udp. An entry without ports blocks every protocol, so the protocol of a piped record without ports does not matter.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Protocol { get; set; }

    /// <summary>
    /// <para type="description">How long the SMC keeps the entries: whole seconds, at least one, for example (New-TimeSpan -Hours 1) or '01:00:00'.</para>
    /// </summary>
    [Parameter(Mandatory = true)]
    public TimeSpan Duration { get; set; }

    /// <summary>
    /// <para type="description">The session of the SMC to change. Defaults to the most recent session of Connect-SmcSession in this runspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <summary>
    /// <para type="description">Write the entries the SMC accepted (SmcBlocklistEntryRequest objects) to the pipeline.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        _session ??= ResolveSession(Session);
        if (EmptyInput() is { } empty)
        {
            WriteError(ToErrorRecord(empty, null));
            return;
        }
        var engines = Global ? new[] { string.Empty } : ValidateEngineNames(_session, Engine!);
        foreach (var engine in engines)
        {
            SmcBlocklistEntryRequest entry;
            try
            {
                entry = SmcBlocklistEntryRequest.Create(engine.Length == 0 ? null : engine, Source, Destination, NullIfBlank(SourcePort), NullIfBlank(DestinationPort), Protocol, Duration);
            }
            catch (SmcException ex)
            {
                WriteError(ToErrorRecord(ex, Source ?? Destination));
                return;
            }
            if (!_seen.Add(engine + "\n" + entry.Describe()))
            {
                WriteVerbose($"Skipped a duplicate of the entry {entry.Describe()} for {TargetName(engine)}.");
                continue;
            }
            if (!ShouldAdd(engine, entry)) { continue; }
            if (!_entries.TryGetValue(engine, out var list))
            {
                _entries[engine] = list = new List<SmcBlocklistEntryRequest>();
                _order.Add(engine);
            }
            list.Add(entry);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        foreach (var name in _order)
        {
            var entries = _entries[name];
            try
            {
                SmcEngine? engine = null;
                if (name.Length > 0)
                {
                    engine = _session!.Engines.FindAsync(new[] { name }, Cancellation).GetAwaiter().GetResult()[0]
                        ?? throw SmcErrors.EngineNotFound.Create($"Cannot find an engine named '{name}' (-Engine) on the SMC at {_session.Url}, so its entries were not added. Get-SmcEngine lists every engine.");
                }
                BlocklistActions.AddAsync(_session!, engine, entries, Cancellation).GetAwaiter().GetResult();
            }
            catch (SmcException ex)
            {
                WriteError(ToErrorRecord(ex, name.Length == 0 ? "global" : name));
                continue;
            }
            WriteVerbose($"Added {entries.Count} block-list {(entries.Count == 1 ? "entry" : "entries")} to {TargetName(name)}.");
            if (PassThru) { foreach (var entry in entries) { WriteObject(entry); } }
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string TargetName(string engine) => engine.Length == 0 ? "every engine (global)" : engine;

    /// <summary>
    /// An address bound to nothing: a piped record whose Src or Dst is empty would otherwise silently become 'any', a
    /// much broader entry than the record shows. (An empty port is every port, which is what a record without ports
    /// shows, such as an ICMP connection's.)
    /// </summary>
    private SmcException? EmptyInput()
    {
        foreach (var (parameter, value) in new[] { ("Source", Source), ("Destination", Destination) })
        {
            if (MyInvocation.BoundParameters.ContainsKey(parameter) && string.IsNullOrWhiteSpace(value))
            {
                return SmcErrors.BlocklistAddressInvalid.Create(
                    $"-{parameter} is empty (a piped record without {(parameter == "Source" ? "Src" : "Dst")}?), so this entry is not added: 'any' would block far more than the record shows. Give an address, a network or 'any', or leave -{parameter} out.");
            }
        }
        return null;
    }

    /// <summary>ShouldProcess; a global entry is ConfirmImpact High, so it also asks when $ConfirmPreference is High (the default).</summary>
    private bool ShouldAdd(string engine, SmcBlocklistEntryRequest entry)
    {
        var action = "Add block-list entry " + entry.Describe();
        if (!ShouldProcess(TargetName(engine), action)) { return false; }
        if (engine.Length > 0 || !ConfirmsHighImpact()) { return true; }
        return ShouldContinue($"Add the global block-list entry {entry.Describe()} on every engine of the SMC at {_session!.Url}?", "Confirm", ref _globalYesToAll, ref _globalNoToAll);
    }

    /// <summary>
    /// Whether a High-impact change must be confirmed on top of ShouldProcess (which judged it as this cmdlet's Medium):
    /// not with -Confirm (ShouldProcess asked already) or -Confirm:$false, nor when $ConfirmPreference is None or below
    /// High (ShouldProcess asked already).
    /// </summary>
    private bool ConfirmsHighImpact()
    {
        if (MyInvocation.BoundParameters.ContainsKey("Confirm")) { return false; }
        var preference = SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact value ? value : ConfirmImpact.High;
        return preference == ConfirmImpact.High;
    }
}
