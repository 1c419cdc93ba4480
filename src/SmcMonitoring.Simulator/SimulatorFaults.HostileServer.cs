using System;
using System.Threading;

namespace SmcMonitoring.Simulator;

/// <summary>The faults of a broken or hostile server: hung upgrades, endless or huge answers, malformed frames, redirects.</summary>
public sealed partial class SimulatorFaults
{
    private const int DefaultRedirectStatus = 307;

    private int upgradeNeverAnswered;
    private int batchesPastQuantity;
    private int hugeMessageRecords;
    private int endlessRestBody;
    private int oversizedRestBodyBytes;
    private string? redirectUpgradeTo;
    private int redirectUpgradeStatus = DefaultRedirectStatus;
    private int freezeAfterMessages;
    private int endFrame;
    private int invalidUtf8Frames;
    private int wrongTypeRecords;
    private string? redirectRestTo;
    private string? entryPointsBase;

    /// <summary>
    /// Websocket upgrade requests are read and never answered: the connection stays open until the client gives up
    /// or the simulator stops. Plain REST still works.
    /// </summary>
    public bool UpgradeNeverAnswered
    {
        get => Volatile.Read(ref upgradeNeverAnswered) != 0;
        set => Volatile.Write(ref upgradeNeverAnswered, value ? 1 : 0);
    }

    /// <summary>Stored log fetches ignore <c>quantity</c> and send whole messages of 200 records (quantity 250 gives 400), then <c>end</c>.</summary>
    public bool BatchesPastQuantity
    {
        get => Volatile.Read(ref batchesPastQuantity) != 0;
        set => Volatile.Write(ref batchesPastQuantity, value ? 1 : 0);
    }

    /// <summary>
    /// The first records message of every stored log fetch holds this many empty records <c>{}</c> (10,000,000 make
    /// about 30 MB), sent in pieces so the simulator never holds it; the fetch's real records follow. 0 = off.
    /// </summary>
    public int HugeMessageRecords
    {
        get => Volatile.Read(ref hugeMessageRecords);
        set => Volatile.Write(ref hugeMessageRecords, Check(value, nameof(HugeMessageRecords)));
    }

    /// <summary>This REST answer streams a JSON body that starts validly and never ends, until the client stops reading.</summary>
    public EndlessRestAnswer EndlessRestBody
    {
        get => (EndlessRestAnswer)Volatile.Read(ref endlessRestBody);
        set => Volatile.Write(ref endlessRestBody, Enum.IsDefined(value) ? (int)value : throw new ArgumentOutOfRangeException(nameof(EndlessRestBody), value, "EndlessRestBody must be None, Login, Api or Versions"));
    }

    /// <summary>
    /// Pads the answer of <c>GET /{ver}/api</c> (the entry points) to exactly this many bytes of valid JSON with a
    /// huge string member, when that is at least its natural size plus 13. 0 = off.
    /// </summary>
    public int OversizedRestBodyBytes
    {
        get => Volatile.Read(ref oversizedRestBodyBytes);
        set => Volatile.Write(ref oversizedRestBodyBytes, Check(value, nameof(OversizedRestBodyBytes)));
    }

    /// <summary>
    /// Websocket upgrades answer <see cref="RedirectUpgradeStatus"/> with <c>Location:</c> this absolute URL (http,
    /// https, ws or wss), for example a <see cref="HeaderRecordingListener"/>; null = off.
    /// </summary>
    public string? RedirectUpgradeTo
    {
        get => Volatile.Read(ref redirectUpgradeTo);
        set => Volatile.Write(ref redirectUpgradeTo, value is null || IsRedirectTarget(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RedirectUpgradeTo), value, "RedirectUpgradeTo must be an absolute http, https, ws or wss URL, or null"));
    }

    /// <summary>The status of <see cref="RedirectUpgradeTo"/>'s answer: 307 (the default), 301, 302, 303 or 308.</summary>
    public int RedirectUpgradeStatus
    {
        get => Volatile.Read(ref redirectUpgradeStatus);
        set => Volatile.Write(ref redirectUpgradeStatus, value is 301 or 302 or 303 or 307 or 308
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RedirectUpgradeStatus), value, "RedirectUpgradeStatus must be 301, 302, 303, 307 or 308"));
    }

    /// <summary>
    /// After this many messages a websocket freezes as a SIGSTOPped server would: it sends nothing more and reads
    /// nothing more (so it answers no ping) until the client goes away or the simulator stops. Applies to websockets
    /// opened while it is set. 0 = off.
    /// </summary>
    public int FreezeAfterMessages
    {
        get => Volatile.Read(ref freezeAfterMessages);
        set => Volatile.Write(ref freezeAfterMessages, Check(value, nameof(FreezeAfterMessages)));
    }

    /// <summary>
    /// The next fetch (stored or live log, or session monitor) gets this bogus <c>end</c> frame right after "Fetch
    /// started", before its records, which then follow as usual. The fault then clears itself.
    /// </summary>
    public BogusEndFrame EndFrame
    {
        get => (BogusEndFrame)Volatile.Read(ref endFrame);
        set => Volatile.Write(ref endFrame, Enum.IsDefined(value) ? (int)value : throw new ArgumentOutOfRangeException(nameof(EndFrame), value, "EndFrame must be None, Array or OtherFetch"));
    }

    /// <summary>
    /// The next stored log fetch gets this many text frames whose payload is not valid UTF-8, one after each of its
    /// records messages (the rest before its end); its records all arrive. The fault then clears itself.
    /// </summary>
    public int InvalidUtf8Frames
    {
        get => Volatile.Read(ref invalidUtf8Frames);
        set => Volatile.Write(ref invalidUtf8Frames, Check(value, nameof(InvalidUtf8Frames)));
    }

    /// <summary>
    /// The first records message of the next stored log fetch starts with entries of the wrong JSON type
    /// (<c>[1,"x",null,{...},...]</c>) before its good records; quantity still counts only good ones. The fault then clears itself.
    /// </summary>
    public bool WrongTypeRecords
    {
        get => Volatile.Read(ref wrongTypeRecords) != 0;
        set => Volatile.Write(ref wrongTypeRecords, value ? 1 : 0);
    }

    /// <summary>
    /// Every REST call made with a session (entry points, elements, engines, system; not the version list, login or
    /// logout) answers <see cref="RedirectUpgradeStatus"/> with <c>Location:</c> this absolute URL followed by the
    /// request's path, for example towards a <see cref="HeaderRecordingListener"/> on another address; null = off.
    /// </summary>
    public string? RedirectRestTo
    {
        get => Volatile.Read(ref redirectRestTo);
        set => Volatile.Write(ref redirectRestTo, value is null || IsRedirectTarget(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RedirectRestTo), value, "RedirectRestTo must be an absolute http or https URL, or null"));
    }

    /// <summary>
    /// The entry points (<c>GET /{ver}/api</c>) name this absolute URL as their base instead of the simulator's own,
    /// as an SMC behind a proxy or a hostile server would, for example <c>http://127.0.0.2:9000</c>; null = off.
    /// </summary>
    public string? EntryPointsBase
    {
        get => Volatile.Read(ref entryPointsBase);
        set => Volatile.Write(ref entryPointsBase, value is null || IsRedirectTarget(value)
            ? value?.TrimEnd('/')
            : throw new ArgumentOutOfRangeException(nameof(EntryPointsBase), value, "EntryPointsBase must be an absolute http or https URL, or null"));
    }

    /// <summary>Whether <paramref name="url"/> can be a redirect's <c>Location</c>: an absolute http, https, ws or wss URL.</summary>
    public static bool IsRedirectTarget(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss";

    /// <summary>The bogus end frame for the next fetch, clearing it.</summary>
    internal BogusEndFrame TakeEndFrame() =>
        Volatile.Read(ref endFrame) == 0 ? BogusEndFrame.None : (BogusEndFrame)Interlocked.Exchange(ref endFrame, 0);

    /// <summary>The invalid UTF-8 frames for the next stored fetch, clearing them.</summary>
    internal int TakeInvalidUtf8Frames() => Volatile.Read(ref invalidUtf8Frames) == 0 ? 0 : Interlocked.Exchange(ref invalidUtf8Frames, 0);

    /// <summary>Whether the next stored fetch gets wrong-type records, clearing the switch.</summary>
    internal bool TakeWrongTypeRecords() => Volatile.Read(ref wrongTypeRecords) != 0 && Interlocked.Exchange(ref wrongTypeRecords, 0) != 0;

    private void ResetHostileServerFaults()
    {
        UpgradeNeverAnswered = false;
        BatchesPastQuantity = false;
        HugeMessageRecords = 0;
        EndlessRestBody = EndlessRestAnswer.None;
        OversizedRestBodyBytes = 0;
        RedirectUpgradeTo = null;
        RedirectUpgradeStatus = DefaultRedirectStatus;
        FreezeAfterMessages = 0;
        EndFrame = BogusEndFrame.None;
        InvalidUtf8Frames = 0;
        WrongTypeRecords = false;
        RedirectRestTo = null;
        EntryPointsBase = null;
    }

    private SimulatorFaults WithHostileServerFaultsOf(SimulatorFaults initial)
    {
        UpgradeNeverAnswered = initial.UpgradeNeverAnswered;
        BatchesPastQuantity = initial.BatchesPastQuantity;
        HugeMessageRecords = initial.HugeMessageRecords;
        EndlessRestBody = initial.EndlessRestBody;
        OversizedRestBodyBytes = initial.OversizedRestBodyBytes;
        RedirectUpgradeTo = initial.RedirectUpgradeTo;
        RedirectUpgradeStatus = initial.RedirectUpgradeStatus;
        FreezeAfterMessages = initial.FreezeAfterMessages;
        EndFrame = initial.EndFrame;
        InvalidUtf8Frames = initial.InvalidUtf8Frames;
        WrongTypeRecords = initial.WrongTypeRecords;
        RedirectRestTo = initial.RedirectRestTo;
        EntryPointsBase = initial.EntryPointsBase;
        return this;
    }
}
