using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Errors;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// What the session-monitor cmdlets share: a snapshot per target by default (the current table, then the cmdlet
/// ends), or with -Live every change of every target until Ctrl+C or -Duration. When a snapshot is complete is the
/// query runner's business (<see cref="EndRule"/>); this class binds parameters and builds the requests.
/// </summary>
public abstract class SmcSessionMonitorCmdlet : SmcQueryCmdlet
{
    /// <summary>Only this module's cmdlets derive from this class.</summary>
    private protected SmcSessionMonitorCmdlet()
    {
    }

    private readonly List<string?> _liveTargets = new();

    /// <summary>
    /// <para type="description">Stream changes (added, updated and deleted rows, each with its Change, FirstFetch and DeltaKey) until Ctrl+C or -Duration, instead of returning one snapshot. The stream starts with the current table (FirstFetch true). A dropped socket is reopened; the SMC's table is then compared with the rows already handed on, so only what changed meanwhile follows.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Live { get; set; }

    /// <summary>
    /// <para type="description">With -Live, how long to stream before ending normally: a number of seconds or a TimeSpan, for example -Duration 60.</para>
    /// </summary>
    [Parameter]
    [TimeSpanTransformation]
    public TimeSpan Duration { get; set; }

    /// <summary>The monitor this cmdlet queries.</summary>
    internal abstract SessionMonitor Monitor { get; }

    /// <summary>Queries the targets: at once for snapshots, all together at the end for -Live.</summary>
    private protected void QueryTargets(IEnumerable<string?> targets)
    {
        if (Duration != TimeSpan.Zero && (!Live || Duration < TimeSpan.Zero))
        {
            ThrowError(SmcErrors.DurationInvalid, Live
                ? $"-Duration ({Duration}) is negative; give a positive number of seconds or TimeSpan."
                : "-Duration applies to -Live: a snapshot ends by itself. Add -Live to stream changes for that long.", Duration);
        }
        if (Live)
        {
            _liveTargets.AddRange(targets);
            return;
        }
        var session = ResolveSession();
        foreach (var target in targets) { RunQueries(session, new[] { (CreatePlan(session, target), SessionQuery.SocketPath) }); }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_liveTargets.Count == 0) { return; }
        var session = ResolveSession();
        var queries = new List<(QueryPlan, string)>();
        foreach (var target in _liveTargets) { queries.Add((CreatePlan(session, target), SessionQuery.SocketPath)); }
        RunQueries(session, queries);
    }

    private bool _warnedAboutFields;

    /// <summary>
    /// Any log field is accepted in -Field and -Filter, but a field the monitor is not known to carry most likely comes
    /// back empty or matches nothing: a warning (once per command) names it and the monitor's fields.
    /// </summary>
    private void WarnAboutFieldsNotCarried(IReadOnlyList<Fields.FieldDefinition>? fields, Filters.SmcFilter? filter)
    {
        if (_warnedAboutFields) { return; }
        var foreign = new List<string>();
        foreach (var field in fields ?? Array.Empty<Fields.FieldDefinition>())
        {
            if (!Monitor.Carries(field.Id)) { foreign.Add($"{field.Property} (-Field)"); }
        }
        foreach (var id in FilterFieldIds(filter))
        {
            if (!Monitor.Carries(id)) { foreign.Add($"{Fields.FieldCatalog.Default.FindById(id)?.Property ?? "Field" + id} (-Filter)"); }
        }
        if (foreign.Count == 0) { return; }
        _warnedAboutFields = true;
        var known = string.Join(", ", Monitor.DefaultFieldIds.Select(id => Fields.FieldCatalog.Default.FindById(id)?.Property ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        WriteWarning($"{MyInvocation.MyCommand.Name} is not known to carry {string.Join(", ", foreign.Distinct())}: the {Monitor.Definition} monitor's fields are {known}. Other log fields are sent as asked, but may come back empty or match nothing.");
    }

    /// <summary>The field ids a filter refers to, read from the JSON it sends.</summary>
    private static IEnumerable<int> FilterFieldIds(Filters.SmcFilter? filter)
    {
        if (filter is null) { return Array.Empty<int>(); }
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) { filter.WriteTo(writer); }
        using var document = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        var ids = new List<int>();
        Collect(document.RootElement);
        return ids;

        void Collect(System.Text.Json.JsonElement node)
        {
            switch (node.ValueKind)
            {
                case System.Text.Json.JsonValueKind.Object:
                    if (node.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == "field"
                        && node.TryGetProperty("id", out var id) && id.TryGetInt32(out var value))
                    {
                        ids.Add(value);
                    }
                    foreach (var property in node.EnumerateObject()) { Collect(property.Value); }
                    break;
                case System.Text.Json.JsonValueKind.Array:
                    foreach (var item in node.EnumerateArray()) { Collect(item); }
                    break;
            }
        }
    }

    private QueryPlan CreatePlan(SmcSession session, string? target)
    {
        var fields = Field is null ? null : ResolveFields(Field);
        var resolving = BuildResolving();
        var filter = TranslateFilter();
        SessionQuery query;
        try
        {
            query = Monitor.BuildQuery(session, target, fields, Raw ? FieldFormat : null, resolving, Cancellation);
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, target));
            throw;
        }
        query.Filter = filter;
        WarnAboutFieldsNotCarried(fields, filter);
        var shape = (fields is null ? Monitor.DefaultShape : Monitor.BuildShape(fields, Monitor.CustomTypeName)).WithSource(session);
        if (!Raw) { SelectionTableViews.Ensure(this, shape); }
        var label = target is null ? Monitor.Definition : $"{Monitor.Name} of {target}";
        Func<IRecordBatch> newBatch = Raw ? () => new RawRecordSink() : () => new TypedRecordSink(shape, Monitor.Create, target);
        var plan = new QueryPlan(label, query.ToRequestJson(), Live ? QueryKind.Live : QueryKind.Snapshot, newBatch) { KeepsTable = Live };
        ApplyLimits(plan.Limits);
        if (Live)
        {
            plan.Limits.Duration = Duration > TimeSpan.Zero ? Duration : null;
            plan.Reconnect = LiveReconnectPolicy;
        }
        return plan;
    }
}
