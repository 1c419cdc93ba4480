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

    // Engines (the REST engine list, block-list writes).

    /// <summary>
    /// The engines every REST client can list and search (<c>engine_clusters</c>) and whose block lists it can change:
    /// names, each optionally followed by <c>:type</c> (an engine element type such as <c>fw_cluster</c>; the default is
    /// <c>single_fw</c>). The default holds the names the repository's tests, examples and benchmark use. Session
    /// monitors still answer for any target name.
    /// </summary>
    public string[] Engines { get; set; } = { "fw-east", "fw-west", "dmz-fw", "sg_vm", "fw", "fw1", "fw2", "fw-bench" };
}
