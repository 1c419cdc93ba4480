using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>
/// The REST side of a session (docs/protocol.md section 2): login by API key or by user and password, entry points,
/// current user, logout, and authenticated GETs that log in again once when the SMC answers 401.
/// </summary>
internal sealed partial class SmcRestClient : IDisposable
{
    private readonly SmcConnectionSettings _settings;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private Dictionary<string, Uri> _entryPoints = new(StringComparer.Ordinal);
    private ApiVersion _version;

    public SmcRestClient(SmcConnectionSettings settings)
    {
        _settings = settings;
        Certificates = new CertificatePolicy(settings.SkipCertificateCheck, settings.CertificateAuthority);
        var handler = new HttpClientHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = false };
        // Installed even for the default policy, which accepts exactly what the system accepts: it records why a
        // certificate was refused, so the error can say so.
        handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => Certificates.Validate(certificate, chain, errors);
        _http = new HttpClient(handler) { Timeout = settings.Timeout };
    }

    public CertificatePolicy Certificates { get; }

    public string? Token { get; private set; }

    /// <summary>
    /// The JSESSIONID cookie, whatever its Path: SMCs set it for <c>/</c> or for the API version's path (<c>/7.1</c>),
    /// and a cookie jar hands a cookie only to URLs under its path.
    /// </summary>
    public string? SessionCookie => (_cookies.GetCookies(_settings.Url)["JSESSIONID"]
        ?? (_version.Text is { } version ? _cookies.GetCookies(new Uri(_settings.Url, version + "/"))["JSESSIONID"] : null))?.Value;

    public Uri EntryPoint(string rel) => _entryPoints.TryGetValue(rel, out var href)
        ? href
        : throw SmcErrors.EntryPointNotFound.Create($"The SMC at {_settings.Url} has no entry point '{rel}' for API {_version}.");

    public async Task LoginAsync(ApiVersion version, CancellationToken cancellationToken)
    {
        _version = version;
        var usesKey = _settings.ApiKey != null;
        var path = usesKey
            ? $"{version.Text}/login"
            : $"{version.Text}/lms_login?login={Form(_settings.Credential!.UserName)}&pwd={Form(_settings.Credential.Password)}&domain={Form(_settings.Domain)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_settings.Url, path)) { Content = LoginBody(usesKey) };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var reason = await ErrorTextAsync(response).ConfigureAwait(false);
            var what = usesKey ? "API key" : "user name or password";
            throw response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.Forbidden
                ? SmcErrors.AuthenticationFailed.Create($"The SMC at {_settings.Url} refused the {what} for domain '{_settings.Domain}' (HTTP {(int)response.StatusCode}): {reason}", reason)
                : SmcErrors.LoginFailed.Create($"Login to the SMC at {_settings.Url} failed (HTTP {(int)response.StatusCode}): {reason}", reason);
        }
        // The body is not used, but is read within the small limit: an endless login answer is refused, never buffered.
        await ReadBodyAsync(response, request, small: true, cancellationToken).ConfigureAwait(false);
        Token = response.Headers.TryGetValues("Authorization", out var tokens) ? tokens.FirstOrDefault() : null;
        if (Token is null && SessionCookie is null)
        {
            throw SmcErrors.SessionMissing.Create($"The SMC at {_settings.Url} accepted the login but sent neither a JSESSIONID cookie nor an Authorization header.");
        }
        using var entryPoints = await GetJsonAsync(new Uri(_settings.Url, $"{version.Text}/api"), cancellationToken, authenticated: false, small: true).ConfigureAwait(false);
        var map = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (entryPoints.RootElement.TryGetProperty("entry_point", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.TryGetProperty("rel", out var rel) && item.TryGetProperty("href", out var href) && rel.GetString() is { } name
                    && !map.ContainsKey(name) && Uri.TryCreate(href.GetString(), UriKind.Absolute, out var uri))
                {
                    map[name] = uri;
                }
            }
        }
        _entryPoints = map;
    }

    /// <summary>
    /// The element types the SMC offers: the entry points whose href is an element collection
    /// (<c>.../elements/host</c>), which are also the notification contexts. Sorted, for completion.
    /// </summary>
    public IReadOnlyList<string> ElementTypes => _entryPoints
        .Where(p => p.Value.AbsolutePath.TrimEnd('/').EndsWith("/elements/" + p.Key, StringComparison.Ordinal))
        .Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>The name of the logged-in API client or administrator; null when the SMC does not say.</summary>
    public async Task<string?> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        if (!_entryPoints.TryGetValue("current_user", out var href)) { return _settings.Credential?.UserName; }
        try
        {
            using var current = await GetJsonAsync(href, cancellationToken, small: true).ConfigureAwait(false);
            if (!current.RootElement.TryGetProperty("value", out var value) || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var user))
            {
                return _settings.Credential?.UserName;
            }
            using var element = await GetJsonAsync(user, cancellationToken, small: true).ConfigureAwait(false);
            return element.RootElement.TryGetProperty("name", out var name) ? name.GetString() : _settings.Credential?.UserName;
        }
        catch (SmcException)
        {
            // A role without "Manage Administrators" cannot read itself; the reference falls back the same way.
            return _settings.Credential?.UserName;
        }
    }

    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        if (!_entryPoints.TryGetValue("logout", out var href)) { return; }
        using var request = new HttpRequestMessage(HttpMethod.Put, href);
        // In token mode the token is the session: a logout without it is refused (401) and leaves the token valid.
        if (Token != null) { request.Headers.TryAddWithoutValidation("Authorization", Token); }
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent && response.StatusCode != HttpStatusCode.OK)
        {
            var reason = await ErrorTextAsync(response).ConfigureAwait(false);
            throw SmcErrors.LogoutFailed.Create($"The SMC at {_settings.Url} answered the logout with HTTP {(int)response.StatusCode}: {reason}", reason);
        }
    }

    /// <summary>GETs a JSON document; on 401 logs in again once and repeats the call.</summary>
    /// <param name="uri">The absolute URL, on the session's SMC.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="authenticated">Whether the token goes with the call.</param>
    /// <param name="small">Whether the answer is one of the small ones (<see cref="SmallBodyLimit"/>), else <see cref="LargeBodyLimit"/>.</param>
    public async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken, bool authenticated = true, bool small = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (authenticated && Token != null) { request.Headers.TryAddWithoutValidation("Authorization", Token); }
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && authenticated && attempt == 0)
            {
                await LoginAsync(_version, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if ((int)response.StatusCode is < 200 or > 299)
            {
                var reason = await ErrorTextAsync(response).ConfigureAwait(false);
                var error = response.StatusCode switch
                {
                    HttpStatusCode.NotFound => SmcErrors.ResourceNotFound,
                    HttpStatusCode.Unauthorized => SmcErrors.RequestUnauthorized,
                    _ => SmcErrors.RequestFailed,
                };
                throw error.Create(
                    $"GET {uri.AbsolutePath} on the SMC at {_settings.Url} failed (HTTP {(int)response.StatusCode}): {reason}", reason);
            }
            var body = await ReadBodyAsync(response, request, small, cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw SmcErrors.ResponseInvalid.Create($"GET {uri.AbsolutePath} on the SMC at {_settings.Url} returned a body that is not JSON.", ex);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Sends a request to the session's SMC and returns once the answer's headers are in (its body is read, bounded,
    /// by <see cref="ReadBodyAsync"/>). A request to another host is never sent, and a redirect is never followed:
    /// the session's cookie and token go only to the SMC the user named.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (Uri.Compare(uri, _settings.Url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw SmcErrors.RequestRedirected.Create(
                $"The SMC at {_settings.Url} pointed {request.Method} {uri.AbsolutePath} to {uri.GetLeftPart(UriPartial.Authority)}, another host than the session's, so the call is not made: the session's credentials go only to {_settings.Url.GetLeftPart(UriPartial.Authority)}. "
                + "If the SMC is reached through a proxy or under another name, connect with the address it names in its links (Connect-SmcSession -Url).");
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            if (Certificates.LastFailure is { } certificate)
            {
                throw SmcErrors.UrlUnreachable.Create($"Cannot reach the SMC at {_settings.Url}: the server certificate was refused: {certificate}", ex);
            }
            var limit = _settings.Timeout < SchemeProbe.Limit ? _settings.Timeout : SchemeProbe.Limit;
            if (SchemeProbe.MayBeScheme(ex) && await SchemeProbe.OtherSchemeAnswersAsync(_settings.Url, limit, cancellationToken).ConfigureAwait(false) is { } other)
            {
                var answered = other.Scheme == Uri.UriSchemeHttps ? "an https (TLS) server" : "a plain http server (no TLS)";
                throw SmcErrors.UrlSchemeWrong.Create(
                    $"Cannot reach the SMC at {_settings.Url}: {Innermost(ex).Message.TrimEnd('.')}. The scheme of -Url is probably wrong: {answered} answered at {other}. Connect with -Url {other.ToString().TrimEnd('/')}.", ex);
            }
            throw SmcErrors.UrlUnreachable.Create($"Cannot reach the SMC at {_settings.Url}: {Innermost(ex).Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw SmcErrors.RequestTimeout.Create($"The SMC at {_settings.Url} did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {_settings.Timeout.TotalSeconds:0} seconds (-TimeoutSec).", ex);
        }
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && status != 304)
        {
            var location = response.Headers.Location;
            response.Dispose();
            var target = location is null ? "nowhere"
                : location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Authority) + location.AbsolutePath
                : location.OriginalString.Split('?')[0];
            throw SmcErrors.RequestRedirected.Create(
                $"The SMC at {_settings.Url} answered {request.Method} {uri.AbsolutePath} with a redirect (HTTP {status}) to {target}. Redirects are never followed, so the session's credentials go only to the SMC named by -Url; if the SMC moved, run Connect-SmcSession with its new address.");
        }
        return response;
    }

    private HttpContent LoginBody(bool withKey)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("domain", _settings.Domain);
            if (withKey) { writer.WriteString("authenticationkey", SecretText.Reveal(_settings.ApiKey!)); }
            foreach (var extra in _settings.ExtraLoginArguments)
            {
                writer.WritePropertyName(extra.Key);
                if (extra.Value is JsonElement element) { element.WriteTo(writer); }
                else { JsonSerializer.Serialize(writer, extra.Value); }
            }
            writer.WriteEndObject();
        }
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Form(string value) => Uri.EscapeDataString(value).Replace("%20", "+");

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException != null) { ex = ex.InnerException; }
        return ex;
    }

    /// <summary>The SMC's error text: <c>message</c> and <c>details</c> of a JSON body, else the body itself (its first 64 KB).</summary>
    private async Task<string> ErrorTextAsync(HttpResponseMessage response)
    {
        var text = await ReadErrorBodyAsync(response).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            var parts = new List<string>();
            if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) { parts.Add(message.GetString()!); }
            if (document.RootElement.TryGetProperty("details", out var details))
            {
                if (details.ValueKind == JsonValueKind.String) { parts.Add(details.GetString()!); }
                else if (details.ValueKind == JsonValueKind.Array) { parts.AddRange(details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!)); }
            }
            if (parts.Count > 0) { return string.Join("; ", parts); }
        }
        catch (JsonException)
        {
        }
        text = text.Trim();
        return text.Length == 0 ? response.ReasonPhrase ?? "no reason given" : (text.Length > 300 ? text.Substring(0, 300) + "..." : text);
    }
}
