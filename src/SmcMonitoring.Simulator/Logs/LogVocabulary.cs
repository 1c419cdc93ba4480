using System.Collections.Generic;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>An engine node that sends logs: its display name and the IPv4 address raw output shows instead.</summary>
internal sealed record EngineNode(Term Name, IpValue Address);

/// <summary>A service as logs show it; <see cref="Port"/> is null for ICMP.</summary>
internal sealed record ServiceProfile(Term Protocol, int? Port, Term Name, Term[] Applications);

/// <summary>How a rule action shows up in a log entry: its label and the events, rule tags and messages that go with it.</summary>
internal sealed record ActionProfile(Term Action, Term[] Events, Term[] RuleTags, Term[] Messages);

/// <summary>The fixed values stored log records are drawn from.</summary>
internal static class LogVocabulary
{
    public static readonly EngineNode[] Nodes =
    {
        new(new Term("fw-east node 1"), IpValue.V4(10, 10, 0, 1)),
        new(new Term("fw-east node 2"), IpValue.V4(10, 10, 0, 2)),
        new(new Term("fw-west node 1"), IpValue.V4(10, 20, 0, 1)),
        new(new Term("fw-west node 2"), IpValue.V4(10, 20, 0, 2)),
        new(new Term("dmz-fw node 1"), IpValue.V4(172, 16, 0, 1)),
    };

    public static readonly Term Tcp = new("TCP", 6);
    public static readonly Term Udp = new("UDP", 17);
    public static readonly Term Icmp = new("ICMP", 1);

    /// <summary>Every action of actions.tsv, labelled in Title Case as the SMC shows them.</summary>
    public static readonly Term[] Actions =
    {
        new("Discard", 0), new("Allow", 1), new("Refuse", 2), new("Discard Passive", 4), new("Terminate Passive", 8),
        new("Terminate", 9), new("Terminate Failed", 10), new("Permit", 11), new("Terminate Reset", 12), new("Block", 13),
    };

    /// <summary>Every alert severity of alerts.tsv.</summary>
    public static readonly Term[] Severities = { new("Info", 1), new("Low", 3), new("High", 5), new("Critical", 10) };

    public static readonly WeightedChoice<ServiceProfile> Services = new(
        (Service(Tcp, 443, "HTTPS", "HTTPS", "Microsoft Office 365", "Google Services", "Zoom", "Salesforce"), 40),
        (Service(Tcp, 80, "HTTP", "HTTP", "Windows Update"), 12),
        (Service(Udp, 53, "DNS", "DNS"), 18),
        (Service(Tcp, 22, "SSH", "SSH"), 5),
        (Service(Tcp, 3389, "RDP", "Remote Desktop Protocol"), 4),
        (Service(Tcp, 8080, "HTTP (8080)", "HTTP"), 4),
        (Service(Tcp, 25, "SMTP", "SMTP"), 4),
        (Service(Udp, 123, "NTP (UDP)", "NTP"), 5),
        (Service(Tcp, 445, "Microsoft-DS", "SMB"), 3),
        (Service(Icmp, null, "Ping", "ICMP"), 5));

    public static readonly WeightedChoice<ActionProfile> ActionProfiles = BuildActionProfiles();

    public static readonly WeightedChoice<Term> Severity = new(
        (Severities[0], 40), (Severities[1], 30), (Severities[2], 20), (Severities[3], 10));

    public static readonly Term[] Situations =
    {
        new("TCP_Port-Scan-Started", 7042),
        new("Anti-Spoofing_Spoofed-Packet", 516),
        new("HTTP_CS-Suspicious-URL", 8001),
        new("SSH_Brute-Force-Login", 12345),
        new("DNS_Suspicious-Query-Length", 3105),
    };

    public static readonly Term Facility = new("Packet Filtering");
    public static readonly Term FirewallLogs = new("1", 1);
    public static readonly Term SharedDomain = new("Shared Domain");

    public static readonly Term Internal = new("Internal");
    public static readonly Term External = new("External");
    public static readonly Term Dmz = new("DMZ");
    public static readonly Term ExternalInterface = new("Interface #0");
    public static readonly Term InternalInterface = new("Interface #1");
    public static readonly Term DmzInterface = new("Interface #2");

    /// <summary>First octets of the public IPv4 addresses the simulator invents.</summary>
    public static readonly byte[] PublicFirstOctets = { 13, 20, 23, 34, 40, 52, 64, 93, 104, 142, 151, 185, 198, 203, 216 };

    private static ServiceProfile Service(Term protocol, int? port, string name, params string[] applications)
    {
        var terms = new Term[applications.Length];
        for (var i = 0; i < applications.Length; i++)
        {
            terms[i] = new Term(applications[i]);
        }

        return new ServiceProfile(protocol, port, new Term(name), terms);
    }

    private static WeightedChoice<ActionProfile> BuildActionProfiles()
    {
        var byLabel = new Dictionary<string, Term>();
        foreach (var action in Actions)
        {
            byLabel.Add(action.Text, action);
        }

        var passed = new[] { new Term("New connection"), new Term("Connection closed") };
        var passedRules = Terms("@2097154.2", "@2097155.1", "@2097158.4");
        var passedMessages = Terms("Connection closed by peer", "Idle timeout expired", "TCP connection reset by client");
        var dropped = Terms("Connection discarded");
        var droppedRules = Terms("@2097160.3", "@2097161.1");
        var droppedMessages = Terms("Packet dropped by access rule", "Invalid TCP packet", "Spoofed source address");
        var ended = Terms("Connection terminated");
        var endedRules = Terms("@2097170.2");
        var endedMessages = Terms("Connection terminated by inspection");

        return new WeightedChoice<ActionProfile>(
            (new ActionProfile(byLabel["Allow"], passed, passedRules, passedMessages), 50),
            (new ActionProfile(byLabel["Permit"], passed, passedRules, passedMessages), 10),
            (new ActionProfile(byLabel["Discard"], dropped, droppedRules, droppedMessages), 18),
            (new ActionProfile(byLabel["Refuse"], Terms("Connection refused"), droppedRules, Terms("Connection refused by access rule")), 6),
            (new ActionProfile(byLabel["Block"], dropped, droppedRules, droppedMessages), 6),
            (new ActionProfile(byLabel["Discard Passive"], dropped, droppedRules, droppedMessages), 3),
            (new ActionProfile(byLabel["Terminate"], ended, endedRules, endedMessages), 4),
            (new ActionProfile(byLabel["Terminate Reset"], ended, endedRules, endedMessages), 2),
            (new ActionProfile(byLabel["Terminate Passive"], ended, endedRules, endedMessages), 1));
    }

    private static Term[] Terms(params string[] texts)
    {
        var terms = new Term[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            terms[i] = new Term(texts[i]);
        }

        return terms;
    }
}
