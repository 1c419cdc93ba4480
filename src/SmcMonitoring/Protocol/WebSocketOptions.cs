using System;
using System.Collections.Generic;
using SmcMonitoring.Session;

namespace SmcMonitoring.Protocol;

/// <summary>What one websocket to the SMC is opened with (docs/protocol.md 3.2): where, with which credential, how checked.</summary>
internal sealed class WebSocketOptions
{
    /// <summary>The ws:// or wss:// address.</summary>
    public Uri Uri { get; set; } = new("ws://127.0.0.1/");

    /// <summary>The Cookie header's value (cookie mode), for example <c>JSESSIONID=...</c>; null sends none.</summary>
    public string? Cookie { get; set; }

    /// <summary>The offered subprotocols (token mode: <c>access_token</c> and the token), sent as they are.</summary>
    public IReadOnlyList<string> SubProtocols { get; set; } = Array.Empty<string>();

    /// <summary>Judges the server's certificate on wss; this connection's own, never process-wide.</summary>
    public CertificatePolicy Certificates { get; set; } = new(false, null);

    /// <summary>How long the TCP connection, TLS and upgrade may take together.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest message accepted; a larger one is skipped as it arrives, with an error.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>A receive silent this long sends a ping; zero turns pings off.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may wait for any frame before the connection is taken as gone (zero: the interval).</summary>
    public TimeSpan KeepAliveTimeout { get; set; }

    /// <summary>Names the server in messages, for example "the SMC at https://smc:8082/".</summary>
    public string Peer { get; set; } = "the SMC";
}
