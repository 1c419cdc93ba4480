using System;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Fields;
using SmcMonitoring.Filters;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets log entries from the SMC's log servers: stored entries, or live ones as they arrive.</para>
/// <para type="description">Get-SmcLog searches the stored logs of the SMC, newest first: every entry of a -Since/-Until window, every entry with -All, at most -MaxRecords entries when you give it, and otherwise the 200 newest (with a warning when more match). Or, with -Live, streams new entries until you press Ctrl+C. Each entry is an SmcLogRecord whose properties are typed: Timestamp is a DateTime, Src and Dst are IPAddress objects, ports are integers, Action and Severity are enums; a value that does not parse keeps the SMC's text. With -Field the records have exactly the fields you name, in that order, so Export-Csv writes those columns. Records are written as each websocket message arrives; stopping the pipeline (Ctrl+C, Select-Object -First) aborts the query on the SMC. A stored search that cannot finish (the socket drops, -TimeoutSec passes, the SMC fails it) ends with a terminating error after the records it wrote, so try/catch and $? see it; -Live reconnects and warns instead. A stored search that runs longer than a second shows progress (entries so far, their rate and the SMC's own status text, such as how far it has scanned) a few times a second; $ProgressPreference = 'SilentlyContinue' hides it.</para>
/// </summary>
/// <example>
/// <code>Get-SmcLog -MaxRecords 20 | Format-Table</code>
/// <para>Shows the 20 newest log entries.</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -Live</code>
/// <para>Streams new log entries until Ctrl+C, like the reference client's fetch_live.</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -MaxRecords 10 -Raw -TimeZone 'Central Standard Time' -Field Timestamp, Src, Dst, Application</code>
/// <para>The 10 newest entries with four fields as the SMC writes them, times in US Central time (an IANA name such as America/Chicago works too).</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -Since (Get-Date).AddHours(-1) -Oldest | Export-Csv lasthour.csv</code>
/// <para>Exports every entry of the last hour, oldest first.</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -Since (Get-Date).Date -Statistics</code>
/// <para>The SMC's statistics of a search of today's logs, without the records (the reference client's fetch_statistics).</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -Engine fw-east -Filter @{ Action = 'Discard' } -MaxRecords 100</code>
/// <para>The 100 newest discards logged by any node of the engine fw-east ('fw-east node 1', 'fw-east node 2'); Tab completes the engine names.</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -MaxRecords 50 -Raw -FieldFormat Pretty</code>
/// <para>The 50 newest entries as the SMC sends them, keyed by display labels, every field included.</para>
/// </example>
/// <example>
/// <code>Get-SmcLog -All -Filter @{ Action = 'Discard' } | Export-Csv discarded.csv</code>
/// <para>Exports every stored entry of discarded traffic, however many; records stream to the file as they arrive.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso href="about_SmcMonitoring_Filters">about_SmcMonitoring_Filters</seealso>
/// <seealso cref="GetSmcLogFieldCommand"/>
/// <seealso cref="ConnectSmcSessionCommand"/>
[Cmdlet(VerbsCommon.Get, "SmcLog", DefaultParameterSetName = StoredSet)]
[OutputType(typeof(SmcLogRecord), typeof(OrderedDictionary))]
[OutputType("SmcMonitoring.Records.SmcLogRecord#Fields")]
public sealed class GetSmcLogCommand : SmcQueryCmdlet
{
    private const string StoredSet = "Stored";
    private const string LiveSet = "Live";

    /// <summary>The entries a search without -Since, -Until, -MaxRecords or -All returns.</summary>
    private const int DefaultMaxRecords = 200;

    /// <summary>
    /// <para type="description">The most entries to return (the SMC's fetch quantity), 1 or more. Without it, a search with -Since or -Until returns every entry of its window, and a search without a window the 200 newest (with a warning when more match). To return every entry, use -All.</para>
    /// </summary>
    [Parameter(ParameterSetName = StoredSet)]
    [Parameter(ParameterSetName = LiveSet)]
    public int MaxRecords { get; set; }

    /// <summary>
    /// <para type="description">Return every entry that matches the query, however many (the SMC's unbounded fetch). Records stream as they arrive, so memory does not grow with the count.</para>
    /// </summary>
    [Parameter(ParameterSetName = StoredSet)]
    [Parameter(ParameterSetName = LiveSet)]
    public SwitchParameter All { get; set; }

    /// <summary>
    /// <para type="description">Return the oldest matching entries first instead of the newest.</para>
    /// </summary>
    [Parameter(ParameterSetName = StoredSet)]
    [Parameter(ParameterSetName = LiveSet)]
    public SwitchParameter Oldest { get; set; }

    /// <summary>
    /// <para type="description">Only entries created at or after this time (the window includes its start). A [datetime] of any Kind or a [datetimeoffset]: a UTC [datetime] is UTC, a local or unspecified one (Get-Date, '2025-11-01 08:00') is this machine's local time. Record times (Timestamp) go back into -Since unchanged.</para>
    /// </summary>
    [Parameter(ParameterSetName = StoredSet)]
    [Parameter(ParameterSetName = LiveSet)]
    public DateTimeOffset? Since { get; set; }

    /// <summary>
    /// <para type="description">Only entries created before this time: the window excludes its end, so -Since $a -Until $b followed by -Since $b neither repeats nor skips the entries on $b. Takes the same values as -Since.</para>
    /// </summary>
    [Parameter(ParameterSetName = StoredSet)]
    [Parameter(ParameterSetName = LiveSet)]
    public DateTimeOffset? Until { get; set; }

    /// <summary>
    /// <para type="description">Stream new entries as the SMC receives them, until Ctrl+C, -TimeoutSec or -InactivityTimeoutSec.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = LiveSet)]
    public SwitchParameter Live { get; set; }

    /// <summary>
    /// <para type="description">Return the SMC's statistics of the stored query (the statistics messages, as ordered dictionaries) instead of the records.</para>
    /// </summary>
    [Parameter(ParameterSetName = StoredSet)]
    [Parameter(ParameterSetName = LiveSet)]
    public SwitchParameter Statistics { get; set; }

    /// <summary>
    /// <para type="description">Only search these Log Server or Management Server elements, by element href.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Server { get; set; }

    /// <summary>
    /// <para type="description">Only entries sent by these engines, by name as Get-SmcEngine lists them (Tab completes them). The filter names the engine's element (its href), which covers every node of the engine: -Engine fw-east matches the senders 'fw-east node 1' and 'fw-east node 2', where -Filter @{ Sender = 'fw-east' } matches nothing. An engine the SMC does not know is an error naming the closest names. Combines with -Filter (both must match).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngineNameCompleter))]
    public string[]? Engine { get; set; }

    /// <summary>
    /// <para type="description">How long a live query (-Live) runs before it ends normally: a number of seconds or a TimeSpan, for example -Duration 30 or -Duration (New-TimeSpan -Minutes 5).</para>
    /// </summary>
    [Parameter(ParameterSetName = LiveSet)]
    [TimeSpanTransformation]
    public TimeSpan Duration { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        RefuseStoredParametersWithLive();
        if (Since is { } since && Until is { } until && since >= until)
        {
            ThrowError(SmcErrors.TimeRangeInvalid, $"-Since ({since.LocalDateTime:yyyy-MM-dd HH:mm:ss.fff zzz}) is not earlier than -Until ({until.LocalDateTime:yyyy-MM-dd HH:mm:ss.fff zzz}); the window [Since, Until) must hold some time: give an earlier -Since or a later -Until.", since);
        }
        if (Duration < TimeSpan.Zero) { ThrowError(SmcErrors.DurationInvalid, $"-Duration ({Duration}) is negative; give a positive number of seconds or TimeSpan.", Duration); }
        var (limit, warnWhenCut) = RecordLimit();
        var shape = Field is null
            ? LogShapes.Default
            : RecordShape.FromFields(ResolveFields(Field), LogShapes.CustomTypeName);
        if (!Raw) { SelectionTableViews.Ensure(this, shape); }
        var query = BuildQuery(shape, limit is { } max && warnWhenCut && !Statistics ? max + 1 : limit);
        var session = ResolveSession();
        if (Engine != null) { query.Filter = WithEngineFilter(session, Engine, query.Filter); }
        var request = query.ToRequestJson();
        var kind = Live ? QueryKind.Live : QueryKind.Stored;
        QueryPlan plan;
        if (Statistics)
        {
            plan = new QueryPlan("log statistics", request, kind, null);
        }
        else if (Raw)
        {
            plan = new QueryPlan("logs", request, kind, () => new RawRecordSink());
        }
        else
        {
            var sourced = shape.WithSource(session);
            plan = new QueryPlan("logs", request, kind, () => new TypedRecordSink(sourced, (s, values) => new SmcLogRecord(s, values)));
        }
        ApplyLimits(plan.Limits);
        if (Live)
        {
            plan.Limits.Duration = Duration > TimeSpan.Zero ? Duration : null;
            plan.Reconnect = LiveReconnectPolicy;
        }
        else
        {
            plan.Limits.MaxRecords = limit;
            if (warnWhenCut && !Statistics)
            {
                plan.Limits.WarnWhenCut = $"Get-SmcLog returned the {limit} newest entries, its default without a time window; more entries match. Use -MaxRecords to set how many, -All for every entry, or -Since and -Until for a time window.";
            }
        }
        _progress = Live ? null : new ProgressMeter(ProgressClock);
        RunQueries(session, new[] { (plan, LogQuery.SocketPath) });
        CompleteProgress();
        WarnWhenEngineFoundNothing();
    }

    private long _written;

    /// <summary>
    /// A stored search with -Engine that found nothing says so: matching senders by engine element is assumed
    /// (docs/protocol.md), and an SMC that does not do it would otherwise return nothing in silence.
    /// </summary>
    private void WarnWhenEngineFoundNothing()
    {
        if (Engine is null || Live || Statistics || _written > 0 || Stopping) { return; }
        var first = Engine[0];
        WriteWarning($"-Engine {string.Join(", ", Engine)} found no log entries. If the engine did log in this search's range, this SMC may not match senders by engine element: filter by the senders' node names instead, for example -Filter @{{ Sender = '{first} node 1', '{first} node 2' }} (Get-SmcLog -Field Sender shows the names).");
    }

    /// <summary>
    /// -Since, -Until, -MaxRecords, -All, -Oldest and -Statistics bind with -Live too, so that combining them gets this error
    /// naming the parameter and what to do, instead of PowerShell's "Parameter set cannot be resolved".
    /// </summary>
    private void RefuseStoredParametersWithLive()
    {
        if (!Live) { return; }
        var stored = new[] { nameof(Since), nameof(Until), nameof(MaxRecords), nameof(All), nameof(Oldest), nameof(Statistics) }
            .Where(MyInvocation.BoundParameters.ContainsKey).Select(name => "-" + name).ToList();
        if (stored.Count == 0) { return; }
        var which = string.Join(" and ", stored);
        ThrowError(SmcErrors.ParameterConflict,
            $"-Live cannot be used with {which}: {which} {(stored.Count == 1 ? "applies" : "apply")} to stored logs, and -Live streams new entries from now on. Remove -Live to search the stored logs, or remove {which} to stream live entries (-Duration limits how long).",
            stored[0]);
    }

    /// <summary>
    /// <paramref name="filter"/> with the senders restricted to the engines named: <c>Sender IN [engine elements]</c>
    /// (docs/protocol.md, "The sender of a log entry"). The element's href comes from the SMC's engine list, so the
    /// engines must be listable.
    /// </summary>
    private SmcFilter WithEngineFilter(SmcSession session, string[] names, SmcFilter? filter)
    {
        var engines = FindEngines(session, names, "-Engine");
        if (engines is null)
        {
            ThrowError(SmcErrors.EngineNotFound,
                $"-Engine filters by the engine's element, and this session cannot list the SMC's engines to find it (see -Verbose). Filter by the senders' node names instead, for example -Filter @{{ Sender = '{names[0]} node 1', '{names[0]} node 2' }}.",
                names[0]);
        }
        WriteVerbose($"-Engine: senders of {string.Join(", ", engines!.Select(e => $"{e.Name} ({e.Href})"))}.");
        var senders = new InFilter(FilterValue.Field(SenderFieldId), engines!.Select(e => FilterValue.Element(e.Href)).Distinct(ElementComparer.Instance).ToList());
        return filter is null ? senders : new LogicalFilter("and", new SmcFilter[] { senders, filter });
    }

    /// <summary>NODEID, the field the SMC shows as Sender (the engine node that sent the entry).</summary>
    private const int SenderFieldId = 4;

    private sealed class ElementComparer : System.Collections.Generic.IEqualityComparer<FilterValue>
    {
        public static readonly ElementComparer Instance = new();

        public bool Equals(FilterValue? x, FilterValue? y) => string.Equals(x?.Text, y?.Text, StringComparison.Ordinal);

        public int GetHashCode(FilterValue obj) => obj.Text?.GetHashCode() ?? 0;
    }

    /// <summary>
    /// How many records a stored search returns: -MaxRecords when given; every record with -All or a time window;
    /// otherwise the default, with a warning when more match.
    /// </summary>
    private (int? Limit, bool WarnWhenCut) RecordLimit()
    {
        var maxGiven = MyInvocation.BoundParameters.ContainsKey(nameof(MaxRecords));
        if (maxGiven && MaxRecords < 1)
        {
            ThrowError(SmcErrors.MaxRecordsInvalid, $"-MaxRecords ({MaxRecords}) must be 1 or more. To return every entry of the query, use -All instead of -MaxRecords.", MaxRecords);
        }
        if (maxGiven && All)
        {
            ThrowError(SmcErrors.MaxRecordsInvalid, $"-MaxRecords ({MaxRecords}) and -All cannot be used together: -All returns every entry, -MaxRecords at most that many. Give one of them.", MaxRecords);
        }
        if (Live) { return (null, false); }
        if (maxGiven) { return (MaxRecords, false); }
        if (All || Since != null || Until != null) { return (null, false); }
        return (DefaultMaxRecords, true);
    }

    private LogQuery BuildQuery(RecordShape shape, int? quantity)
    {
        var query = new LogQuery
        {
            Type = Live ? LogQueryType.Current : LogQueryType.Stored,
            Since = Since,
            Until = Until,
            Quantity = quantity,
            Backwards = !Oldest,
            Filter = TranslateFilter(),
        };
        foreach (var server in Server ?? Array.Empty<string>()) { query.Servers.Add(server); }
        query.Format.Resolving = BuildResolving();
        if (Raw)
        {
            query.Format.FieldFormat = FieldFormat;
            if (Field != null) { foreach (var id in shape.FieldIds) { query.Format.FieldIds.Add(id); } }
        }
        else
        {
            foreach (var id in shape.FieldIds) { query.Format.FieldIds.Add(id); }
        }
        return query;
    }

    /// <summary>
    /// A stored search that cannot finish is a terminating error, after the records it wrote: a script's try/catch,
    /// $? and -ErrorAction see it, so an export never moves its cursor past a gap. A live query reconnects and warns
    /// instead, and ends with a non-terminating error only when it must give up.
    /// </summary>
    private protected override void ReportFailure(QueryRunner runner, SmcException failure)
    {
        if (Live)
        {
            base.ReportFailure(runner, failure);
            return;
        }
        CompleteProgress();
        ThrowTerminatingError(ToErrorRecord(failure, runner.Plan.Label));
    }

    private protected override void WriteMessage(QueryRunner runner, QueryEvent message)
    {
        if (!Statistics)
        {
            _written += message.RecordCount;
            base.WriteMessage(runner, message);
        }
        else if (message.Message?.Statistics is { } statistics)
        {
            WriteObject(RawRecordSink.ParseText(statistics));
        }
        if (!Live) { ShowProgress(runner.RecordCount, message.Message?.Status); }
    }

    /// <summary>The clock progress is timed with; tests set one that moves as they need.</summary>
    internal static IClock ProgressClock { get; set; } = SystemClock.Instance;

    private const int ProgressActivityId = 0x5C19;

    private ProgressMeter? _progress;

    /// <summary>Shows how far a stored search is, from this (the pipeline's) thread, when <see cref="ProgressMeter"/> says an update is due.</summary>
    private void ShowProgress(long records, string? status)
    {
        if (_progress is null || !_progress.Observe(records, status, out var snapshot)) { return; }
        var text = string.Format(CultureInfo.CurrentCulture, "{0:N0} entries in {1:0} s ({2:N0} a second)", snapshot.Records, snapshot.Elapsed.TotalSeconds, snapshot.RatePerSecond);
        WriteProgress(new ProgressRecord(ProgressActivityId, "Get-SmcLog: searching the stored logs", text)
        {
            CurrentOperation = snapshot.Status is { } smc ? "SMC: " + smc : null,
        });
    }

    /// <summary>Closes the progress display, when one was shown.</summary>
    private void CompleteProgress()
    {
        if (_progress is not { Shown: true }) { return; }
        _progress = null;
        WriteProgress(new ProgressRecord(ProgressActivityId, "Get-SmcLog: searching the stored logs", "Done") { RecordType = ProgressRecordType.Completed });
    }
}
