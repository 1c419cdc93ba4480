using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>A VPN peer gateway: its name and the address of its endpoint.</summary>
internal sealed record VpnPeer(Term Gateway, Term Endpoint, byte Network);

/// <summary>A situation an alert can be about, with the vulnerability references and the service it is seen on.</summary>
internal sealed record AlertSituation(Term Situation, Term References, ServiceProfile Service);

/// <summary>The fixed values session-monitor rows are drawn from (values not in the protocol's sources are invented).</summary>
internal static class SessionVocabulary
{
    public static readonly WeightedChoice<Term> TcpStates = new(
        (new Term("TCP established"), 70), (new Term("TCP time wait"), 8), (new Term("TCP syn sent"), 5),
        (new Term("TCP syn ack seen"), 4), (new Term("TCP close wait"), 4), (new Term("TCP fin wait 1"), 3),
        (new Term("TCP fin wait 2"), 3), (new Term("TCP last ack"), 3));

    public static readonly WeightedChoice<Term> UdpStates = new((new Term("UDP established"), 80), (new Term("UDP new"), 20));

    public static readonly Term IcmpState = new("ICMP echo");

    public static readonly Term Connected = new("Connected");
    public static readonly Term Static = new("Static");
    public static readonly Term Dynamic = new("Dynamic");

    public static readonly Term Internal = new("Internal");
    public static readonly Term External = new("External");
    public static readonly Term Dmz = new("DMZ");
    public static readonly Term ExternalInterface = new("Interface #0");
    public static readonly Term InternalInterface = new("Interface #1");
    public static readonly Term DmzInterface = new("Interface #2");
    public static readonly Term VlanInterface = new("Interface #1.100");
    public static readonly Term Vlan = new("100");

    public static readonly string[] FirstNames =
    {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil",
    };

    public static readonly string[] LastNames = { "smith", "jones", "garcia", "miller", "davis", "lopez", "wilson", "moore" };

    public static readonly Term[] IdServices = { new("Integrated User ID Service"), new("Browser-based authentication"), new("RADIUS") };

    public static readonly Term[] Blacklisters = { new("Management Server"), new("Log Server") };

    public static readonly int[] BlockDurations = { 60, 300, 600, 3600, 86400 };

    public static readonly int[] BlockedPorts = { 22, 23, 25, 80, 443, 445, 3389, 8080 };

    public static readonly Term Esp = new("ESP", 50);

    public static readonly Term[] VpnNames = { new("Corporate VPN"), new("Partner VPN") };

    public static readonly VpnPeer[] VpnPeers =
    {
        new(new Term("branch-helsinki"), new Term("branch-helsinki (203.0.113.160)"), 1),
        new(new Term("branch-tokyo"), new Term("branch-tokyo (203.0.113.161)"), 2),
        new(new Term("branch-dallas"), new Term("branch-dallas (203.0.113.162)"), 3),
        new(new Term("partner-acme"), new Term("partner-acme (192.0.2.77)"), 4),
        new(new Term("partner-globex"), new Term("partner-globex (192.0.2.78)"), 5),
    };

    public static readonly Term Ike = new("IKE");
    public static readonly Term IpSec = new("IPsec");
    public static readonly Term Initiator = new("Initiator");
    public static readonly Term Responder = new("Responder");
    public static readonly Term[] IkeCiphers = { new("AES-256"), new("AES-GCM-256") };
    public static readonly Term[] IpSecCiphers = { new("AES-GCM-256"), new("AES-256"), new("AES-128") };

    /// <summary>The services alerts are seen on: always with ports, since clients read alert ports as integers.</summary>
    public static readonly ServiceProfile[] AlertServices =
    {
        new(LogVocabulary.Tcp, 443, new Term("HTTPS"), new[] { new Term("HTTPS") }),
        new(LogVocabulary.Tcp, 80, new Term("HTTP"), new[] { new Term("HTTP") }),
        new(LogVocabulary.Udp, 53, new Term("DNS"), new[] { new Term("DNS") }),
        new(LogVocabulary.Tcp, 22, new Term("SSH"), new[] { new Term("SSH") }),
        new(LogVocabulary.Tcp, 3389, new Term("RDP"), new[] { new Term("Remote Desktop Protocol") }),
        new(LogVocabulary.Tcp, 8080, new Term("HTTP (8080)"), new[] { new Term("HTTP") }),
        new(LogVocabulary.Tcp, 25, new Term("SMTP"), new[] { new Term("SMTP") }),
        new(LogVocabulary.Udp, 123, new Term("NTP (UDP)"), new[] { new Term("NTP") }),
        new(LogVocabulary.Tcp, 445, new Term("Microsoft-DS"), new[] { new Term("SMB") }),
    };

    public static readonly AlertSituation[] Situations =
    {
        Situation("TCP_Port-Scan-Started", 7042, "CVE-1999-0532", 0),
        Situation("HTTP_CS-Suspicious-URL", 8001, "CVE-2021-41773,CVE-2021-42013", 0),
        Situation("HTTP_Log4Shell-JNDI-Lookup", 8131, "CVE-2021-44228,CVE-2021-45046", 0),
        Situation("SSH_Brute-Force-Login", 12345, "CVE-2023-48795", 3),
        Situation("DNS_Suspicious-Query-Length", 3105, "CVE-2020-1350", 2),
        Situation("SMB_EternalBlue-Exploit", 9215, "CVE-2017-0144,MS17-010", 8),
        Situation("RDP_BlueKeep-Attempt", 9311, "CVE-2019-0708", 4),
    };

    public static readonly Term[] NeighborInterfaces = { ExternalInterface, InternalInterface, DmzInterface };
    public static readonly Term IPv4 = new("IPv4");
    public static readonly Term IPv6 = new("IPv6");
    public static readonly Term[] ArpStates = { new("Reachable"), new("Stale"), new("Permanent") };
    public static readonly Term[] NdStates = { new("Reachable"), new("Stale"), new("Delay"), new("Probe") };
    public static readonly Term ArpEntry = new("ARP cache entry");
    public static readonly Term NdEntry = new("IPv6 neighbor cache entry");

    /// <summary>Organizationally unique identifiers of the MAC addresses neighbors show.</summary>
    public static readonly string[] MacPrefixes = { "00:50:56", "00:1a:2b", "3c:ec:ef", "f4:8e:38", "00:0c:29" };

    /// <summary>A situation with its vulnerability references and the index of its service in <see cref="AlertServices"/>.</summary>
    private static AlertSituation Situation(string name, long code, string references, int service) =>
        new(new Term(name, code), new Term(references), AlertServices[service]);
}
