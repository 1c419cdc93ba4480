namespace SmcMonitoring.Simulator;

/// <summary>What an engine whose session-monitor table is empty (or matches nothing) sends after "Fetch started".</summary>
public enum EmptySnapshotAnswer
{
    /// <summary>One <c>records</c> message with empty <c>added</c>, <c>updated</c> and <c>deleted</c> arrays.</summary>
    EmptyMessage,

    /// <summary>Nothing at all (docs/protocol.md 6.5.3 allows both).</summary>
    Nothing,
}

/// <summary>When a notification subscription is answered <c>{"success":...,"subscription_id":N}</c>.</summary>
public enum NotificationAcknowledgementTiming
{
    /// <summary>Right away, before any event of that subscription.</summary>
    Immediate,

    /// <summary>Never: events arrive for a subscription that was never acknowledged.</summary>
    Never,

    /// <summary>Right after the first event message of that subscription, so that events come before the answer.</summary>
    AfterEvents,
}

/// <summary>The characters of the tokens that token mode hands out (the real SMC's token format is unknown).</summary>
public enum TokenAlphabet
{
    /// <summary>Standard base64 that always contains <c>/</c>, <c>+</c> and <c>=</c> (characters .NET's AddSubProtocol refuses).</summary>
    Base64,

    /// <summary>Lower-case hexadecimal digits only.</summary>
    Hex,
}

/// <summary>The <c>Path</c> attribute of the JSESSIONID cookie that login sets.</summary>
public enum SessionCookiePathScope
{
    /// <summary><c>Path=/</c>.</summary>
    Root,

    /// <summary><c>Path=/&lt;api version&gt;</c> (after the path base, if any), e.g. <c>Path=/7.1</c>, as some SMCs do.</summary>
    Version,
}

/// <summary>How <c>time_show_zone</c> renders the zone after a time.</summary>
public enum TimeZoneStyle
{
    /// <summary>The UTC offset: <c>2024-05-02 10:11:12 +02:00</c>.</summary>
    Offset,

    /// <summary>The zone's abbreviation, as the Management Client might: <c>2024-05-02 10:11:12 CEST</c>, <c> UTC</c>.</summary>
    Abbreviation,

    /// <summary>
    /// Never: times are rendered in the zone asked for but without it, even with <c>time_show_zone</c>, as a server
    /// that ignores that option would (whether a real SMC honours it is not known).
    /// </summary>
    None,
}

/// <summary>How token mode answers <c>PUT logout</c> without an <c>Authorization</c> header.</summary>
public enum TokenlessLogoutAnswer
{
    /// <summary>401, as a real SMC answered; the session stays valid.</summary>
    Refuse,

    /// <summary>204 (the older simulator's behaviour, for a client that logs out the way the reference does).</summary>
    Accept,
}

/// <summary>A bogus <c>end</c> frame sent right after "Fetch started", before any record.</summary>
public enum BogusEndFrame
{
    /// <summary>None.</summary>
    None,

    /// <summary><c>{"fetch":F,"end":[]}</c>: an end that is not a string.</summary>
    Array,

    /// <summary><c>{"fetch":G,"end":"end of data"}</c> where G is not the fetch's id.</summary>
    OtherFetch,
}

/// <summary>Which REST answer streams a JSON body that starts validly and never ends.</summary>
public enum EndlessRestAnswer
{
    /// <summary>None.</summary>
    None,

    /// <summary>The answer of <c>POST /{ver}/login</c> and <c>/{ver}/lms_login</c> (the session is created first).</summary>
    Login,

    /// <summary>The answer of <c>GET /{ver}/api</c> (the entry points).</summary>
    Api,

    /// <summary>The answer of <c>GET /api</c> (the version list).</summary>
    Versions,
}

/// <summary>
/// How an engine element (<c>{"type":"element","href":".../elements/single_fw/1001"}</c>) compared with the sender
/// field (NODEID, CompId) matches. That the SMC matches every node of the engine is an assumption (docs/protocol.md only
/// says an element matches all of its addresses).
/// </summary>
public enum SenderElementMatch
{
    /// <summary>The senders that are nodes of that engine ("fw-east node 1", "fw-east node 2").</summary>
    Nodes,

    /// <summary>Nothing: the filter is accepted and no entry matches it.</summary>
    Nothing,
}
