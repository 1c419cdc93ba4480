using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// SSLVPNV2: SSL VPN sessions of an engine. Users connect from public addresses; the session started when the row
/// appeared (809) and times out 30 minutes after its last activity (810), which an update moves.
/// </summary>
internal sealed class SslVpnMonitor : SessionMonitor
{
    private const long IdleTimeoutMilliseconds = 30 * 60 * 1000L;

    private static readonly int[] Fields = { 1, 4, 7, 24, 34, 38, 302, 485, 809, 810, 3001 };

    private readonly int src;
    private readonly int sessionStart;
    private readonly int sessionTimeout;
    private readonly int userName;

    public SslVpnMonitor()
        : base(MonitorKind.SslVpnUsers, Fields, new Term("38", 38), "INFO: SSL VPN Monitoring", maxAgeSeconds: 4 * 3600)
    {
        src = Slot(7);
        sessionStart = Slot(809);
        sessionTimeout = Slot(810);
        userName = Slot(3001);
    }

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        values[userName] = FieldValue.Of(new Term(UserMonitor.NameOf(row.Row.Id + 7)));
        values[src] = FieldValue.Of(SessionAddresses.Public(ref identity));
        values[sessionStart] = FieldValue.Time(row.Row.CreatedAt);
        values[sessionTimeout] = FieldValue.Time(row.Row.ChangedAt + IdleTimeoutMilliseconds);
    }
}
