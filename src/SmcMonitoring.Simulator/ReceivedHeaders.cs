using System;
using System.Collections.Generic;

namespace SmcMonitoring.Simulator;

/// <summary>
/// What a <see cref="HeaderRecordingListener"/> received: the request line and the headers, the values of
/// credential headers masked.
/// </summary>
/// <param name="Method">The request method, e.g. <c>GET</c>.</param>
/// <param name="Target">The request target, e.g. <c>/7.1/monitoring/log/socket</c>.</param>
/// <param name="Headers">Header lines in arrival order, as name and value; Cookie, Authorization, Proxy-Authorization and Sec-WebSocket-Protocol values are <c>***</c>.</param>
public sealed record ReceivedHeaders(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Whether a header of that name arrived (names compare ignoring case).</summary>
    public bool Has(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
