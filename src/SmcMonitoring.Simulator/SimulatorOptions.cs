using System;
using System.Security.Cryptography.X509Certificates;

namespace SmcMonitoring.Simulator;

/// <summary>How a simulated SMC listens, who may log in, and what log data it serves.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The IP address to listen on (or <c>localhost</c> for 127.0.0.1); nothing else is bound.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (read it from <see cref="SmcSimulator.BaseUrl"/>).</summary>
    public int Port { get; set; }

    /// <summary>The API client key accepted by <c>POST /{ver}/login</c>.</summary>
    public string ApiKey { get; set; } = "sim-api-key";

    /// <summary>The administrator name accepted by <c>POST /{ver}/lms_login</c>.</summary>
    public string UserName { get; set; } = "admin";

    /// <summary>The administrator password accepted by <c>POST /{ver}/lms_login</c>.</summary>
    public string Password { get; set; } = "admin-password";

    /// <summary>How many stored log records exist. They are computed on demand, so millions cost no memory.</summary>
    public long LogRecords { get; set; } = 10_000;

    /// <summary>
    /// Keep the JSON of each stored log record and of each session-monitor snapshot row once rendered, per format, so
    /// that repeated fetches only copy bytes (about 180 bytes per log record and format kept in memory). For
    /// benchmarks on a machine whose cores the simulator shares with the client it measures.
    /// </summary>
    public bool CacheRenderedRecords { get; set; }

    /// <summary>The seed of the generated data: the same seed gives the same records.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The timestamp of the newest stored record; null = the start time, rounded down to the second.</summary>
    public DateTimeOffset? LogEnd { get; set; }

    /// <summary>The time between two consecutive stored records (whole milliseconds, at least 1 ms).</summary>
    public TimeSpan LogInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many new records a live (<c>current</c>) log query receives per second.</summary>
    public double LiveRecordsPerSecond { get; set; } = 20;

    /// <summary>
    /// How many changes (adds, updates, deletes) each watched session-monitor table makes per second after its
    /// snapshot: a busy engine. 0 = a quiet engine that sends nothing after the snapshot.
    /// </summary>
    public double SessionChangesPerSecond { get; set; } = 20;

    /// <summary>Send a record with SessionEvent 4 ("all sessions sent") right after each session-monitor snapshot.</summary>
    public bool SnapshotCompleteMarker { get; set; }

    /// <summary>Rows of each engine's connection table (CONNECTIONS); computed on demand, so 100,000 cost little.</summary>
    public int ConnectionsPerEngine { get; set; } = 2_000;

    /// <summary>Entries of each engine's block list (BLOCK_LIST / BLACKLIST).</summary>
    public int BlockListEntriesPerEngine { get; set; } = 25;

    /// <summary>Routes of each engine's routing table (ROUTING).</summary>
    public int RoutesPerEngine { get; set; } = 30;

    /// <summary>Users known to each engine (USERS).</summary>
    public int UsersPerEngine { get; set; } = 50;

    /// <summary>SSL VPN sessions of each engine (SSLVPNV2).</summary>
    public int SslVpnUsersPerEngine { get; set; } = 20;

    /// <summary>VPN security associations of each engine (VPN_SA): one IKE SA and three IPsec SAs per tunnel.</summary>
    public int VpnSasPerEngine { get; set; } = 40;

    /// <summary>Active alerts of each administrative domain (ACTIVE_ALERTS); every severity appears from 4 on.</summary>
    public int AlertsPerDomain { get; set; } = 60;

    /// <summary>Neighbor cache entries of each engine (NEIGHBORS).</summary>
    public int NeighborsPerEngine { get; set; } = 40;

    /// <summary>
    /// How many element changes (create, update, delete ...) the notification sockets receive per second while any
    /// is connected: administrators at work. 0 = only changes made through REST or the test hooks.
    /// </summary>
    public double NotificationsPerSecond { get; set; } = 2;

    /// <summary>
    /// The API versions <c>GET /api</c> advertises; paths under any other version answer 404. Include 6.5 (or older)
    /// to test the legacy notification shape (an <c>events</c> array).
    /// </summary>
    public string[] ApiVersions { get; set; } = { "6.10", "7.0", "7.1" };

    /// <summary>The SMC product version returned by <c>smc_version</c>.</summary>
    public string ProductVersion { get; set; } = "7.1.2 [10824]";

    /// <summary>
    /// Token ("SSL session") mode: login answers an <c>Authorization</c> header instead of a JSESSIONID cookie,
    /// and websockets authenticate with the <c>access_token</c> subprotocol.
    /// </summary>
    public bool TokenMode { get; set; }

    /// <summary>A file that receives every request and websocket message as one JSON line, secrets masked; null = none.</summary>
    public string? RequestLogPath { get; set; }

    /// <summary>Faults to inject from the start; change them later on <see cref="SmcSimulator.Faults"/>.</summary>
    public SimulatorFaults Faults { get; set; } = new();

    /// <summary>Sessions expire this long after login; null = never. The same as <see cref="SimulatorFaults.SessionLifetime"/> of <see cref="Faults"/>.</summary>
    public TimeSpan? SessionLifetime
    {
        get => Faults.SessionLifetime;
        set => Faults.SessionLifetime = value;
    }

    /// <summary>When set, the simulator speaks HTTPS and WSS with this certificate (TLS 1.2 and 1.3 offered).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Session-monitor rows carry no <c>first_fetch</c> key at all, as the rows of a real SMC 6.2 did
    /// (docs/real-smc.md 5); by default every row says <c>true</c> (snapshot) or <c>false</c> (change).
    /// </summary>
    public bool NoFirstFetch { get; set; }

    /// <summary>
    /// Milliseconds between the messages of a session monitor's initial snapshot, as a big table on a real SMC may
    /// take: the first goes right after "Fetch started", each later one (the SessionEvent 4 marker's too) this much
    /// after the one before. Changes that happen meanwhile wait for the snapshot. 0 = no wait.
    /// </summary>
    public int SnapshotBatchGapMs { get; set; }

    /// <summary>What a session fetch whose snapshot holds no row sends after "Fetch started" (the marker still follows when on).</summary>
    public EmptySnapshotAnswer EmptySnapshot { get; set; } = EmptySnapshotAnswer.EmptyMessage;

    /// <summary>
    /// Milliseconds a stored log fetch spends searching the archive before its first records message, as a slow
    /// archive search does (the reference notes that the SMC may send nothing for about two minutes). 0 = none.
    /// </summary>
    public int ArchiveSearchMs { get; set; }

    /// <summary>
    /// During the archive search of <see cref="ArchiveSearchMs"/>, a <c>{"fetch":F,"status":"Querying, filtering at
    /// ..., scanned ..."}</c> frame every this many milliseconds. 0 = complete silence: not even the usual
    /// <c>"Querying..."</c> frame comes between "Fetch started" and the first records.
    /// </summary>
    public int ArchiveStatusEveryMs { get; set; }

    /// <summary>When notification subscriptions are acknowledged: right away, never, or after their first events.</summary>
    public NotificationAcknowledgementTiming NotificationAcknowledgement { get; set; } = NotificationAcknowledgementTiming.Immediate;

    /// <summary>The characters of the tokens of <see cref="TokenMode"/>; base64 tokens contain <c>/</c>, <c>+</c> and <c>=</c>.</summary>
    public TokenAlphabet TokenAlphabet { get; set; } = TokenAlphabet.Base64;

    /// <summary>The <c>Path</c> of the JSESSIONID cookie: <c>/</c>, or the API version of the login (after <see cref="PathBase"/>).</summary>
    public SessionCookiePathScope SessionCookiePath { get; set; } = SessionCookiePathScope.Root;

    /// <summary>
    /// Serve the whole SMC (REST, websockets, every href, and the <c>_simulator</c> controls) under this path, as
    /// behind a reverse proxy, e.g. <c>/smc</c>: <see cref="SmcSimulator.BaseUrl"/> ends with it and requests outside
    /// it answer 404. Empty = served at the root.
    /// </summary>
    public string PathBase { get; set; } = string.Empty;

    /// <summary>Every fetch id is negative (the vendor's example shows one): a client must echo it unchanged in its abort.</summary>
    public bool ForceNegativeFetchIds { get; set; }

    /// <summary>
    /// How <c>time_show_zone</c> renders the zone: the offset (<c>+02:00</c>) or the abbreviation (<c>CEST</c>).
    /// Times are rendered in UTC when the query names no <c>timezone</c>; the zone then shows as <c>+00:00</c> or <c>UTC</c>.
    /// </summary>
    public TimeZoneStyle TimeZoneStyle { get; set; } = TimeZoneStyle.Offset;

    /// <summary>
    /// How an engine element in a log filter matches the sender: every node of the engine (the default), or nothing
    /// (an SMC that does not resolve engine elements for senders). Element hrefs other than an engine's are refused.
    /// </summary>
    public SenderElementMatch SenderElementMatch { get; set; } = SenderElementMatch.Nodes;

    /// <summary>
    /// In <see cref="TokenMode"/>, how <c>PUT logout</c> without an <c>Authorization</c> header is answered: refused
    /// with 401 (a real SMC did), or accepted with 204 (the reference sends none). With the header, the token logs out
    /// and stops working for REST and websockets.
    /// </summary>
    public TokenlessLogoutAnswer LogoutWithoutToken { get; set; } = TokenlessLogoutAnswer.Refuse;
    // Engines (the REST engine list, block-list writes).

    /// <summary>
    /// The engines every REST client can list and search (<c>engine_clusters</c>) and whose block lists it can change:
    /// names, each optionally followed by <c>:type</c> (an engine element type such as <c>fw_cluster</c>; the default is
    /// <c>single_fw</c>). The default holds the names the repository's tests, examples and benchmark use. Session
    /// monitors still answer for any target name.
    /// </summary>
    public string[] Engines { get; set; } = { "fw-east", "fw-west", "dmz-fw", "sg_vm", "fw", "fw1", "fw2", "fw-bench" };
}
