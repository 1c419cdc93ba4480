using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Session;

/// <summary>
/// After a request failed at the transport (not refused, not a certificate problem), asks the same address with the
/// other scheme whether an HTTP server answers there: https sent to a plain http server fails as a corrupt TLS frame,
/// and http sent to an https server as a response that ended early, neither of which says what to change. The probe
/// is an unauthenticated GET of the API list; it carries no credential, so the https probe accepts any certificate
/// (only the scheme is learnt from it, and nothing is sent that a wrong server could misuse).
/// </summary>
internal static class SchemeProbe
{
    /// <summary>The longest a probe waits for an answer.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True when <paramref name="failure"/> happened after a TCP connection was made (so another scheme may answer):
    /// no socket error (refused, unreachable, name not found) anywhere in it.
    /// </summary>
    public static bool MayBeScheme(Exception failure)
    {
        for (var e = failure; e != null; e = e.InnerException)
        {
            if (e is SocketException) { return false; }
        }
        return true;
    }

    /// <summary>
    /// The base URL with the other scheme (http for https, https for http), when an HTTP server answers the API list
    /// there within <paramref name="limit"/>; else null.
    /// </summary>
    public static async Task<Uri?> OtherSchemeAnswersAsync(Uri baseUrl, TimeSpan limit, CancellationToken cancellationToken)
    {
        var other = new UriBuilder(baseUrl) { Scheme = baseUrl.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeHttp : Uri.UriSchemeHttps, Port = baseUrl.Port }.Uri;
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        if (other.Scheme == Uri.UriSchemeHttps) { handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true; }
        using var client = new HttpClient(handler) { Timeout = limit };
        try
        {
            using var response = await client.GetAsync(new Uri(other, "api"), cancellationToken).ConfigureAwait(false);
            return other;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
