using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// ACTIVE_ALERTS: the active alerts of an administrative domain, sent by the log engines (fw-east, fw-west, dmz-fw).
/// Rows cycle through every severity (row n has Info, Low, High, Critical for n mod 4 = 0..3); high and critical alerts were
/// stopped (Discard, Terminate, Block), the others allowed. An update is the situation seen again.
/// </summary>
internal sealed class AlertMonitor : SessionMonitor
{
    private static readonly int[] Fields = { 1, 4, 7, 8, 9, 10, 11, 14, 24, 27, 34, 38, 302, 485, 602, 1000, 20000 };

    private static readonly Term[] Stopping = { Action("Discard"), Action("Terminate"), Action("Block") };
    private static readonly Term[] Passing = { Action("Allow"), Action("Permit") };

    private readonly int src;
    private readonly int dst;
    private readonly int sport;
    private readonly int dport;
    private readonly int protocol;
    private readonly int action;
    private readonly int service;
    private readonly int severity;
    private readonly int situation;
    private readonly int references;

    public AlertMonitor()
        : base(MonitorKind.ActiveAlerts, Fields, new Term("3", 3), "INFO: Alert Monitoring", maxAgeSeconds: 2 * 86400)
    {
        src = Slot(7);
        dst = Slot(8);
        sport = Slot(9);
        dport = Slot(10);
        protocol = Slot(11);
        action = Slot(14);
        service = Slot(27);
        severity = Slot(602);
        situation = Slot(1000);
        references = Slot(20000);
    }

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        var severities = LogVocabulary.Severities;
        var chosen = severities[row.Row.Id % severities.Length];
        values[severity] = FieldValue.Of(chosen);
        var stopped = chosen.Code >= 5;
        values[action] = FieldValue.Of(stopped ? Stopping[identity.Below(Stopping.Length)] : Passing[identity.Below(Passing.Length)]);

        var about = SessionVocabulary.Situations[identity.Below(SessionVocabulary.Situations.Length)];
        values[situation] = FieldValue.Of(about.Situation);
        values[references] = FieldValue.Of(about.References);
        values[protocol] = FieldValue.Of(about.Service.Protocol);
        values[service] = FieldValue.Of(about.Service.Name);
        values[sport] = FieldValue.Of(identity.Between(1024, 65535));
        values[dport] = FieldValue.Of(about.Service.Port ?? 0);
        values[src] = FieldValue.Of(SessionAddresses.Public(ref identity));
        values[dst] = FieldValue.Of(SessionAddresses.Dmz(row.Engine, ref identity));
    }

    private static Term Action(string label)
    {
        foreach (var term in LogVocabulary.Actions)
        {
            if (term.Text == label)
            {
                return term;
            }
        }

        throw new System.InvalidOperationException($"no action {label}");
    }
}
