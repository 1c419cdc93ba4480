using System;
using System.Threading;

namespace SmcMonitoring.Simulator;

/// <summary>
/// Faults the simulator injects, to test how a client copes. Set them before start in
/// <see cref="SimulatorOptions.Faults"/>, or at run time on <see cref="SmcSimulator.Faults"/> or with
/// <c>POST /_simulator/faults</c> (the same names as JSON fields). Every member is safe to change from any thread
/// while the simulator runs; changes apply to the next message, query or request.
/// </summary>
public sealed partial class SimulatorFaults
{
    private const long NoLifetime = -1;

    private int delayMs;
    private int dropAfterMessages;
    private int closeAfterMessages;
    private string? failQueries;
    private int malformedMessages;
    private int oversizedMessageBytes;
    private int bufferErrorClose;
    private int silent;
    private long sessionLifetimeTicks = NoLifetime;
    private Action? expireSessions;
    private int refuseWrites;

    /// <summary>Milliseconds to wait before every websocket message the simulator sends; 0 = none.</summary>
    public int DelayMs
    {
        get => Volatile.Read(ref delayMs);
        set => Volatile.Write(ref delayMs, Check(value, nameof(DelayMs)));
    }

    /// <summary>After this many messages on a socket, drop the connection without a close frame; 0 = never.</summary>
    public int DropAfterMessages
    {
        get => Volatile.Read(ref dropAfterMessages);
        set => Volatile.Write(ref dropAfterMessages, Check(value, nameof(DropAfterMessages)));
    }

    /// <summary>After this many messages on a socket, close it normally (1000); 0 = never.</summary>
    public int CloseAfterMessages
    {
        get => Volatile.Read(ref closeAfterMessages);
        set => Volatile.Write(ref closeAfterMessages, Check(value, nameof(CloseAfterMessages)));
    }

    /// <summary>When set, every query and subscription is answered <c>{"failure":"&lt;this text&gt;"}</c>.</summary>
    public string? FailQueries
    {
        get => Volatile.Read(ref failQueries);
        set => Volatile.Write(ref failQueries, value);
    }

    /// <summary>
    /// Before the answer to each query or subscription, send this many malformed frames, cycling through: a truncated
    /// object, a JSON array, a binary frame of garbage, and an object with wrong types (<c>"records":"x"</c>).
    /// </summary>
    public int MalformedMessages
    {
        get => Volatile.Read(ref malformedMessages);
        set => Volatile.Write(ref malformedMessages, Check(value, nameof(MalformedMessages)));
    }

    /// <summary>Before the answer to each query or subscription, send one valid JSON text message of this many bytes; 0 = none.</summary>
    public int OversizedMessageBytes
    {
        get => Volatile.Read(ref oversizedMessageBytes);
        set => Volatile.Write(ref oversizedMessageBytes, Check(value, nameof(OversizedMessageBytes)));
    }

    /// <summary>
    /// The next query (on any socket) is refused the way Tomcat refuses a message too big for its buffer: close code
    /// 1009 with the exact reason of docs/protocol.md 3.4. The fault then clears itself.
    /// </summary>
    public bool BufferErrorClose
    {
        get => Volatile.Read(ref bufferErrorClose) != 0;
        set => Volatile.Write(ref bufferErrorClose, value ? 1 : 0);
    }

    /// <summary>Queries get their <c>success</c> answer and then nothing at all; subscriptions get no events.</summary>
    public bool Silent
    {
        get => Volatile.Read(ref silent) != 0;
        set => Volatile.Write(ref silent, value ? 1 : 0);
    }

    /// <summary>Sessions expire this long after their login (REST then answers 401, websocket upgrades too); null = never.</summary>
    public TimeSpan? SessionLifetime
    {
        get => Volatile.Read(ref sessionLifetimeTicks) is var ticks && ticks == NoLifetime ? null : TimeSpan.FromTicks(ticks);
        set => Volatile.Write(ref sessionLifetimeTicks, value is { } lifetime
            ? lifetime > TimeSpan.Zero ? lifetime.Ticks : throw new ArgumentOutOfRangeException(nameof(SessionLifetime), lifetime, "a lifetime must be positive")
            : NoLifetime);
    }

    /// <summary>Invalidates every session now: the next REST call or websocket upgrade of any client answers 401.</summary>
    /// <exception cref="InvalidOperationException">These are start-up faults (of <see cref="SimulatorOptions"/>), not a running simulator's.</exception>
    public void ExpireSessions() =>
        (expireSessions ?? throw new InvalidOperationException("ExpireSessions needs a running simulator: call it on SmcSimulator.Faults."))();

    /// <summary>Clears every fault, including those the simulator started with.</summary>
    public void Reset()
    {
        DelayMs = 0;
        DropAfterMessages = 0;
        CloseAfterMessages = 0;
        FailQueries = null;
        MalformedMessages = 0;
        OversizedMessageBytes = 0;
        BufferErrorClose = false;
        Silent = false;
        SessionLifetime = null;
        ResetHostileServerFaults();
        RefuseWrites = false;
    }

    /// <summary>A running simulator's faults, starting as <paramref name="initial"/>, able to expire its sessions.</summary>
    internal static SimulatorFaults Running(SimulatorFaults initial, Action expireSessions) => new SimulatorFaults
    {
        DelayMs = initial.DelayMs,
        DropAfterMessages = initial.DropAfterMessages,
        CloseAfterMessages = initial.CloseAfterMessages,
        FailQueries = initial.FailQueries,
        MalformedMessages = initial.MalformedMessages,
        OversizedMessageBytes = initial.OversizedMessageBytes,
        BufferErrorClose = initial.BufferErrorClose,
        Silent = initial.Silent,
        SessionLifetime = initial.SessionLifetime,
        RefuseWrites = initial.RefuseWrites,
        expireSessions = expireSessions,
    }.WithHostileServerFaultsOf(initial);

    /// <summary>Whether the buffer-error fault is set, clearing it: only one query meets it.</summary>
    internal bool TakeBufferErrorClose() => Interlocked.Exchange(ref bufferErrorClose, 0) != 0;

    private static int Check(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0 (off) or more");

    // Writes (block-list changes and element changes by REST).

    /// <summary>
    /// Every REST call that would change the SMC (POST, PUT and DELETE, except login and logout) is refused with 403 and
    /// the SMC's error body <c>{"details":[...],"message":"...","status":"0"}</c>: an API client without the right.
    /// </summary>
    public bool RefuseWrites
    {
        get => Volatile.Read(ref refuseWrites) != 0;
        set => Volatile.Write(ref refuseWrites, value ? 1 : 0);
    }
}
