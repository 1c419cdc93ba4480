using System.Globalization;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// USERS: users an engine knows by address. User n is <c>first.last@example.com</c> from fixed name lists;
/// an update is a re-authentication, which moves the expiration time eight hours past it.
/// </summary>
internal sealed class UserMonitor : SessionMonitor
{
    private const long SessionMilliseconds = 8 * 3600 * 1000L;

    private static readonly int[] Fields = { 1, 4, 7, 24, 34, 38, 302, 485, 534, 3001, 3003 };

    private readonly int src;
    private readonly int expiration;
    private readonly int userName;
    private readonly int idService;

    public UserMonitor()
        : base(MonitorKind.Users, Fields, new Term("20", 20), "INFO: User Monitoring", maxAgeSeconds: 6 * 3600)
    {
        src = Slot(7);
        expiration = Slot(534);
        userName = Slot(3001);
        idService = Slot(3003);
    }

    /// <summary>A distinct address book name for every row id: alice.smith@example.com, bob.smith@example.com ...</summary>
    public static string NameOf(long rowId)
    {
        var first = SessionVocabulary.FirstNames[rowId % SessionVocabulary.FirstNames.Length];
        var rest = rowId / SessionVocabulary.FirstNames.Length;
        var last = SessionVocabulary.LastNames[rest % SessionVocabulary.LastNames.Length];
        var round = rest / SessionVocabulary.LastNames.Length;
        return round == 0
            ? $"{first}.{last}@example.com"
            : $"{first}.{last}{round.ToString(CultureInfo.InvariantCulture)}@example.com";
    }

    protected override void FillRow(in RowContext row, ref HashStream identity, ref HashStream changing, FieldValue[] values)
    {
        values[userName] = FieldValue.Of(new Term(NameOf(row.Row.Id)));
        values[src] = FieldValue.Of(SessionAddresses.Internal(row.Engine, ref identity));
        values[idService] = FieldValue.Of(SessionVocabulary.IdServices[identity.Below(SessionVocabulary.IdServices.Length)]);
        values[expiration] = FieldValue.Time(row.Row.ChangedAt + SessionMilliseconds);
    }
}
