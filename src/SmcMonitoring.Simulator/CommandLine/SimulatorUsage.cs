namespace SmcMonitoring.Simulator.CommandLine;

/// <summary>What --help prints: every option, and the simulator controls under /_simulator/.</summary>
internal static class SimulatorUsage
{
    public const string Text = """
        Usage: SmcMonitoring.Simulator [options]

        A fake Forcepoint SMC speaking the REST and websocket monitoring protocol, serving deterministic logs
        and session-monitor tables (connections, block list, routes, users, SSL VPN, VPN SAs, alerts, neighbors).
        The first line printed is: SMC simulator listening on <base-url> api-key <key>
        Stops on Ctrl+C or SIGTERM.

        Options:
          --host ADDRESS            IP address to listen on, or localhost (default 127.0.0.1)
          --port N                  TCP port, 0 = any free port (default 0)
          --api-key KEY             API client key accepted by login (default sim-api-key)
          --user NAME               administrator accepted by lms_login (default admin)
          --password PWD            administrator password (default admin-password)
          --log-records N           stored log records, computed on demand (default 10000)
          --cache-rendered-records  keep the JSON of stored log records and of session-monitor snapshot rows
                                    once rendered (per format), so repeated fetches copy bytes: for benchmarks;
                                    ~180 MB per million log records and format
          --seed S                  seed of the generated data (default 1)
          --log-end ISO8601         timestamp of the newest stored record (default: start time, whole second)
          --log-interval-ms MS      milliseconds between stored records (default 1000)
          --live-rate R             records per second of live queries (default 20)
          --session-change-rate R   changes per second of each watched session-monitor table, 0 = quiet (default 20)
          --snapshot-marker         after each session-monitor snapshot send a SessionEvent 4 record (all sent)
          --connections N           connections per engine (default 2000)
          --block-list-entries N    block-list entries per engine (default 25)
          --routes N                routes per engine (default 30)
          --users N                 users per engine (default 50)
          --ssl-vpn-users N         SSL VPN sessions per engine (default 20)
          --vpn-sas N               VPN SAs per engine (default 40)
          --alerts N                active alerts per domain (default 60)
          --neighbors N             neighbor entries per engine (default 40)
          --notification-rate R     element changes per second on notification sockets, 0 = none (default 2)
          --api-versions LIST       comma-separated API versions to advertise (default 6.10,7.0,7.1)
          --product-version TEXT    SMC product version returned by smc_version (default "7.1.2 [10824]")
          --token-mode              sessions by Authorization token and access_token subprotocol, not JSESSIONID
          --request-log FILE        append every request and websocket message as a JSON line, secrets masked
          --certificate FILE        PKCS#12 file: serve HTTPS and WSS (TLS 1.2 and 1.3)
          --certificate-password P  password of the PKCS#12 file
          --engines LIST            engines listed by the engine_clusters search, whose block lists REST changes,
                                    each NAME or NAME:TYPE (default type single_fw); default
                                    fw-east,fw-west,dmz-fw,sg_vm,fw,fw1,fw2,fw-bench (monitors serve any name)
          --help                    show this text

        Real SMC behaviours (defaults are the simulator's usual ones):
          --no-first-fetch          session rows carry no first_fetch key (as SMC 6.2 rows)
          --snapshot-batch-gap-ms MS  send a session snapshot's messages MS apart (the first right away)
          --empty-snapshot WHAT     an empty session snapshot sends: empty-message (default) or nothing
          --archive-search-ms MS    a stored log fetch searches MS before its first records
          --archive-status-every-ms MS  during that search, a "Querying, filtering at ..." status every MS;
                                    0 = complete silence, not even "Querying..." (default 0)
          --notification-ack WHEN   answer subscriptions: immediate (default), never, or after-events
          --token-alphabet A        token-mode tokens: base64 (default; contains / + =) or hex
          --cookie-path P           JSESSIONID cookie path: root (Path=/, default) or version (Path=/7.1)
          --path-base PATH          serve everything (REST, websockets, hrefs, /_simulator) under PATH, e.g. /smc;
                                    requests outside it answer 404
          --negative-fetch-ids      every fetch id is negative
          --time-zone-style S       time_show_zone renders offset (+02:00, default) or abbreviation (CEST),
                                    or none: the zone is never shown, even when asked for;
                                    times are in UTC when the query names no timezone; Windows zone names such
                                    as "Central Standard Time" are refused with a failure naming the zone
          --sender-element M        an engine element in a log filter matches the sender's nodes (nodes, default)
                                    or nothing
          --logout-without-token A  token mode: PUT logout without Authorization is refused (401, default) or
                                    accepted (204); a logged-out token no longer works

        Faults (also switchable at run time, see below):
          --delay-ms MS             wait before every websocket message
          --drop-after-messages N   drop each websocket connection (no close frame) after N messages
          --close-after-messages N  close each websocket normally (1000) after N messages
          --fail-queries TEXT       answer every query and subscription {"failure":"TEXT"}
          --malformed-messages N    send N malformed frames before each answer
          --oversized-message-bytes N  send one valid JSON message of N bytes before each answer
          --buffer-error-close      close the next query's socket with 1009 and Tomcat's too-big reason
          --silent                  answer queries "Fetch started" (subscriptions: success), then nothing
          --session-lifetime SEC    sessions expire SEC seconds after login (REST and upgrades then 401)
          --refuse-writes           refuse every REST change (block-list adds and flushes, deletes, element
                                    writes) with 403 and the SMC's error body: as for an API client
                                    without the right to change them

        Faults of a broken or hostile server (also switchable at run time):
          --upgrade-never-answered  read websocket upgrades and never answer them (REST still works)
          --batches-past-quantity   stored fetches ignore quantity and send whole batches of 200, then end
          --huge-message-records N  the first records message of each stored fetch holds N empty records {}
          --endless-rest-body WHICH  stream a never-ending JSON body for login, api (GET /{ver}/api) or versions
                                    (GET /api); none = off
          --oversized-rest-body-bytes N  pad the GET /{ver}/api answer to exactly N bytes of valid JSON
          --redirect-upgrade-to URL  answer websocket upgrades with a redirect to URL
          --redirect-upgrade-status N  the redirect's status: 307 (default), 301, 302, 303 or 308
          --freeze-after-messages N  after N messages a websocket sends and reads nothing more (no pong either)
          --bogus-end KIND          the next fetch gets {"end":[]} (array) or an end of another fetch id
                                    (other-fetch) before its records; then the fault clears
          --invalid-utf8-frames N   the next stored fetch gets N text frames of invalid UTF-8 among its records
          --wrong-type-records      the next stored fetch's first records message starts with 1, "x", null
          --redirect-rest-to URL    REST calls made with a session answer a redirect (--redirect-upgrade-status)
                                    to URL plus the request's path
          --entry-points-base URL   the entry points (GET /{ver}/api) name URL as their base, not the simulator

        Simulator controls (HTTP, no SMC session needed, only under /_simulator/, after the --path-base if any):
          POST /_simulator/element-change   {"context":"host","action":"update","id":"1087"} (id optional)
                                            notifies subscribers; answers the element's href
          GET /_simulator/faults            the faults in force
          POST /_simulator/faults           change faults: {"DelayMs":100,"DropAfterMessages":3,"CloseAfterMessages":0,
                                            "FailQueries":"text","MalformedMessages":2,"OversizedMessageBytes":65536,
                                            "BufferErrorClose":true,"Silent":false,"SessionLifetime":30,
                                            "ExpireSessions":true,"UpgradeNeverAnswered":true,
                                            "BatchesPastQuantity":true,"HugeMessageRecords":1000000,
                                            "EndlessRestBody":"login","OversizedRestBodyBytes":1048576,
                                            "RedirectUpgradeTo":"ws://127.0.0.2:9000/","RedirectUpgradeStatus":302,
                                            "FreezeAfterMessages":3,"EndFrame":"other-fetch","InvalidUtf8Frames":2,
                                            "WrongTypeRecords":true,"RefuseWrites":true}; only the fields given
                                            change, null clears
          DELETE /_simulator/faults         clear every fault

        """;
}
