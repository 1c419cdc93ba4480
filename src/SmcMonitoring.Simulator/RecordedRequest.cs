using System;

namespace SmcMonitoring.Simulator;

/// <summary>
/// One HTTP request or websocket text message the simulator received, with secrets masked, or a note of what the
/// simulator did or noticed (kind <c>simulator</c>). Notes, by <see cref="Method"/>, with a JSON <see cref="Body"/>:
/// <list type="bullet">
/// <item><c>abort</c>: an abort matched against the socket's fetches: <c>{"fetch":F,"known":true,"running":false}</c>
/// (known: this socket issued that id; running: it was still sending).</item>
/// <item><c>logout</c>: <c>{"status":204,"authorization":true,"cookie":false}</c> (whether those headers came, never their values).</item>
/// <item><c>snapshot</c>: a session fetch's initial snapshot was sent: <c>{"fetch":F,"rows":N,"messages":M,"marker":false,"first_fetch":true,"gap_ms":0}</c>.</item>
/// <item><c>archive-search</c>: a stored fetch searched the archive: <c>{"fetch":F,"ms":M,"status_frames":N}</c>.</item>
/// <item><c>notification-ack</c>: a subscription's answer was withheld or sent late: <c>{"subscription_id":N,"acknowledgement":"never"}</c>.</item>
/// <item><c>upgrade-held</c>, <c>upgrade-redirected</c>: a websocket upgrade left unanswered or redirected, with
/// <c>"cookie"</c>, <c>"authorization"</c> and <c>"subprotocol"</c> booleans (and <c>"status"</c>, <c>"location"</c>);
/// <c>upgrade-released</c>: the held upgrade ended, <c>{"held_ms":N,"by":"client"}</c> (or <c>"simulator stop"</c>).</item>
/// <item><c>fault</c>: a fault applied to one answer, fetch or socket: <c>{"fault":"EndFrame","value":"array","fetch":F}</c>.</item>
/// </list>
/// </summary>
/// <param name="Time">When it arrived or happened.</param>
/// <param name="Kind"><c>http</c> for an HTTP request (websocket upgrades included), <c>ws</c> for a websocket text message, <c>simulator</c> for a note.</param>
/// <param name="Method">The HTTP method, <c>message</c> for a websocket text message, or the note's name.</param>
/// <param name="Path">The request path as received (path base included), e.g. <c>/7.1/login</c> or <c>/7.1/monitoring/log/socket</c>.</param>
/// <param name="Query">The query string without '?', with <c>pwd</c> masked; null when there is none.</param>
/// <param name="Body">The body or message text, with <c>authenticationkey</c> and passwords masked; a note's details; null when empty.</param>
public sealed record RecordedRequest(DateTimeOffset Time, string Kind, string Method, string Path, string? Query, string? Body);
