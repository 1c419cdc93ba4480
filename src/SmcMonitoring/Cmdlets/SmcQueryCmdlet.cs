using System;
using System.Collections.Generic;
using System.Management.Automation;
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

namespace SmcMonitoring.Cmdlets;

/// <summary>The parameters and the read loop every monitoring query cmdlet shares.</summary>
public abstract class SmcQueryCmdlet : SmcCmdlet
{
    private readonly List<QueryExecution> _executions = new();

    /// <summary>
    /// <para type="description">The session to query. Defaults to the most recent session of Connect-SmcSession in this runspace; pass it explicitly in ForEach-Object -Parallel blocks (-Session $using:s).</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = false)]
    [ValidateNotNull]
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
    /// <para type="description">The time zone the SMC renders time values in, for example Europe/Helsinki, America/Chicago or CST. The SMC then appends the zone to each time.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TimeZone { get; set; }

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
    /// <para type="description">Stop after this many seconds in total. A live query then ends normally; a stored query reports that it is incomplete.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; }

    /// <summary>
    /// <para type="description">Stop when the SMC sends nothing for this many seconds.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int InactivityTimeoutSec { get; set; }

    /// <summary>The session to use: -Session, else this runspace's default; a terminating error when there is none.</summary>
    protected SmcSession ResolveSession()
    {
        var session = Session ?? SessionRegistry.GetDefault(CurrentRunspace);
        if (session is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("There is no SMC session. Run Connect-SmcSession first, or pass -Session."),
                "SmcSessionNotFound", ErrorCategory.ResourceUnavailable, null));
        }
        if (!session!.IsConnected)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The SMC session {session.Id} ({session.Url}) is disconnected. Run Connect-SmcSession again."),
                "SmcSessionDisconnected", ErrorCategory.ResourceUnavailable, session));
        }
        return session;
    }

    /// <summary>The fields of -Field, resolved through the catalog; a terminating error names any unknown one.</summary>
    protected IReadOnlyList<FieldDefinition> ResolveFields(IEnumerable<string> names)
    {
        var fields = new List<FieldDefinition>();
        var seen = new HashSet<int>();
        foreach (var name in names)
        {
            var field = FieldCatalog.Default.Find(name) ?? UnknownId(name);
            if (field is null)
            {
                var closest = string.Join(", ", FieldCatalog.Default.ClosestNames(name));
                ThrowParameterError("SmcFieldNotFound", $"Cannot find a field named '{name}' (-Field). Closest field names: {closest}. Field names, SMC names, display names and numeric ids are accepted.", name);
            }
            if (seen.Add(field!.Id)) { fields.Add(field); }
        }
        return fields;
    }

    /// <summary>The -Filter translated to the SMC's filter tree (null without -Filter); a terminating error explains a bad filter.</summary>
    private protected SmcFilter? TranslateFilter()
    {
        var value = Filter?.Value;
        try
        {
            switch (value)
            {
                case null:
                    return null;
                case IDictionary table:
                    return HashtableFilterParser.Parse(table);
                case ScriptBlock script:
                    return ScriptBlockFilterTranslator.Translate(script, name => SessionState.PSVariable.GetValue(name));
                case string text when text.Trim().Length > 0:
                    return new TranslatedFilter(text);
                default:
                    throw new SmcException("SmcFilterTypeInvalid", SmcErrorKind.InvalidArgument, $"-Filter takes a hashtable, a scriptblock or an SMC filter expression string, not {value.GetType().Name}.");
            }
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, value));
            return null;
        }
    }

    /// <summary>The client-side limits from -TimeoutSec and -InactivityTimeoutSec.</summary>
    protected QueryLimits LimitsFromParameters(TimeSpan defaultInactivity)
    {
        return new QueryLimits
        {
            QueryTimeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : Timeout.InfiniteTimeSpan,
            InactivityTimeout = InactivityTimeoutSec > 0 ? TimeSpan.FromSeconds(InactivityTimeoutSec) : defaultInactivity,
        };
    }

    /// <summary>
    /// Runs fetches side by side (one socket each) and hands each message to its run's callback on the pipeline
    /// thread, as it arrives. A failure ends only its own run, as an error after the records already written;
    /// Ctrl+C and a stopped pipeline abort every fetch and close every socket.
    /// </summary>
    private protected void RunQueries(SmcSession session, IReadOnlyList<QueryRun> runs)
    {
        var active = new List<QueryRun>();
        try
        {
            foreach (var run in runs)
            {
                WriteVerbose($"SMC {session.Url} {run.SocketPath} ({run.Label}): {Encoding.UTF8.GetString(run.Request)}");
                try
                {
                    run.Execution = QueryExecution.StartAsync(session, run.SocketPath, run.Request, run.Limits, Cancellation).GetAwaiter().GetResult();
                    _executions.Add(run.Execution);
                    run.Pending = run.Execution.ReadAsync(run.Sink, Cancellation);
                    active.Add(run);
                }
                catch (SmcException ex)
                {
                    WriteError(ToErrorRecord(ex, run.Label));
                }
            }
            while (active.Count > 0)
            {
                var finished = Task.WhenAny(active.Select(r => r.Pending!)).GetAwaiter().GetResult();
                var run = active.First(r => r.Pending == finished);
                ServerMessage? message = null;
                try
                {
                    message = finished.GetAwaiter().GetResult();
                }
                catch (SmcException ex)
                {
                    WriteError(ToErrorRecord(ex, run.Label));
                }
                if (message != null && message.Status != null) { WriteVerbose($"SMC status ({run.Label}): {message.Status}"); }
                if (message != null && run.OnMessage(message))
                {
                    run.Pending = run.Execution!.ReadAsync(run.Sink, Cancellation);
                    continue;
                }
                active.Remove(run);
                Finish(run, session);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the pipeline is stopping; disposing below sends the aborts.
        }
        finally
        {
            DisposeExecutions();
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        // Select-Object -First stops the pipeline by exception and then disposes the cmdlet: abort and close here too.
        DisposeExecutions();
        base.Dispose();
    }

    private void Finish(QueryRun run, SmcSession session)
    {
        var execution = run.Execution!;
        var stop = execution.StopReason;
        WriteVerbose($"Query {run.Label} stopped ({(stop == QueryStopReason.None ? "by the reader" : stop.ToString())}) after {execution.RecordCount} records in {execution.Elapsed.TotalSeconds:0.0} s.");
        if ((run.TimeoutIsError && stop == QueryStopReason.QueryTimeout) || (run.InactivityIsError && stop == QueryStopReason.InactivityTimeout))
        {
            var which = stop == QueryStopReason.QueryTimeout
                ? $"-TimeoutSec ({run.Limits.QueryTimeout.TotalSeconds:0} s) passed"
                : $"the SMC sent nothing for {run.Limits.InactivityTimeout.TotalSeconds:0} s (-InactivityTimeoutSec)";
            WriteError(ToErrorRecord(new SmcException("SmcQueryTimeout", SmcErrorKind.Timeout, $"The query {run.Label} stopped before the SMC finished: {which}. {execution.RecordCount} records were returned."), session));
        }
        execution.Dispose();
        _executions.Remove(execution);
    }

    private void DisposeExecutions()
    {
        foreach (var execution in _executions.ToArray()) { execution.Dispose(); }
        _executions.Clear();
    }

    private static FieldDefinition? UnknownId(string name) =>
        int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? new FieldDefinition(id, Array.Empty<string>(), "Field" + id, "Field " + id, "Field" + id, FieldKind.String, "a field this module has no name for")
            : null;
}
