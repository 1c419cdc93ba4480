using System;

namespace SmcMonitoring.Simulator;

/// <summary>One HTTP request or websocket text message the simulator received, with secrets masked.</summary>
/// <param name="Time">When it arrived.</param>
/// <param name="Kind"><c>http</c> for an HTTP request (websocket upgrades included), <c>ws</c> for a websocket text message.</param>
/// <param name="Method">The HTTP method, or <c>message</c> for a websocket text message.</param>
/// <param name="Path">The request path, e.g. <c>/7.1/login</c> or <c>/7.1/monitoring/log/socket</c>.</param>
/// <param name="Query">The query string without '?', with <c>pwd</c> masked; null when there is none.</param>
/// <param name="Body">The body or message text, with <c>authenticationkey</c> and passwords masked; null when empty.</param>
public sealed record RecordedRequest(DateTimeOffset Time, string Kind, string Method, string Path, string? Query, string? Body);
