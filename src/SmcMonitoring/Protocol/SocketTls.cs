using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using SmcMonitoring.Session;

namespace SmcMonitoring.Protocol;

/// <summary>
/// Applies a session's certificate policy to one websocket. netstandard2.0 does not expose
/// <c>ClientWebSocketOptions.RemoteCertificateValidationCallback</c> at compile time, but .NET (PowerShell 7) has it
/// at run time, so it is set by reflection there: per connection, never process-wide. On .NET Framework
/// (Windows PowerShell 5.1) the only hook is the process-wide ServicePointManager callback; it is installed once and
/// dispatches by host, so only connections to a registered SMC host are judged by that SMC's policy and every other
/// connection keeps the system's verdict.
/// </summary>
internal static class SocketTls
{
    private static readonly PropertyInfo? PerSocketCallback =
        typeof(ClientWebSocketOptions).GetProperty("RemoteCertificateValidationCallback");

    private static readonly ConcurrentDictionary<string, CertificatePolicy> PoliciesByHost = new(StringComparer.OrdinalIgnoreCase);
    private static int s_frameworkCallbackInstalled;

    public static void Apply(ClientWebSocketOptions options, Uri uri, CertificatePolicy policy)
    {
        if (uri.Scheme != "wss") { return; }
        RemoteCertificateValidationCallback callback = (_, certificate, chain, errors) => policy.Validate(certificate, chain, errors);
        if (PerSocketCallback != null)
        {
            PerSocketCallback.SetValue(options, callback);
            return;
        }
        if (policy.IsDefault) { return; }
        PoliciesByHost[uri.Host + ":" + uri.Port] = policy;
        if (System.Threading.Interlocked.Exchange(ref s_frameworkCallbackInstalled, 1) == 0)
        {
            var previous = ServicePointManager.ServerCertificateValidationCallback;
            ServicePointManager.ServerCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                if (sender is System.Net.HttpWebRequest request && PoliciesByHost.TryGetValue(request.RequestUri.Host + ":" + request.RequestUri.Port, out var hostPolicy))
                {
                    return hostPolicy.Validate(certificate, chain, errors);
                }
                return previous?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
            };
        }
    }
}
