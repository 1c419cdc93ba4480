using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>
/// A logged-in session with one SMC: the negotiated API version, the session cookie or token, and the HTTP client
/// every REST call of the session uses. Websockets reuse its credentials. Its text form never shows a secret.
/// </summary>
public sealed partial class SmcSession : IDisposable
{
    private static int s_lastId;
    private readonly SmcRestClient _rest;
    private readonly object _socketsLock = new();
    private readonly HashSet<IDisposable> _openSockets = new();
    private string? _productVersion;
    private int _holders = 1;

    private SmcSession(SmcConnectionSettings settings, SmcRestClient rest)
    {
        Settings = settings;
        _rest = rest;
        Id = Interlocked.Increment(ref s_lastId);
    }

    /// <summary>A number that identifies the session in this process.</summary>
    public int Id { get; }

    /// <summary>
    /// How many Connect-SmcSession calls returned this session and have not disconnected it yet: a second connect with
    /// the same SMC and identity reuses the session, and the session logs out when the last of them disconnects.
    /// </summary>
    public int Holders => Volatile.Read(ref _holders);

    /// <summary>One more Connect-SmcSession returned this session.</summary>
    internal void Hold() => Interlocked.Increment(ref _holders);

    /// <summary>One holder lets go; true when it was the last, and the session is to log out.</summary>
    internal bool Release()
    {
        while (true)
        {
            var holders = Volatile.Read(ref _holders);
            if (holders <= 1) { return true; }
            if (Interlocked.CompareExchange(ref _holders, holders - 1, holders) == holders) { return false; }
        }
    }

    /// <summary>The SMC API base URL.</summary>
    public Uri Url => Settings.Url;

    /// <summary>The API version in use, as the SMC advertised it.</summary>
    public string ApiVersion => Version.Text;

    /// <summary>The administrative domain.</summary>
    public string Domain => Settings.Domain;

    /// <summary>The API client or administrator the SMC knows this session as, when it told us.</summary>
    public string? User { get; private set; }

    /// <summary><c>ApiKey</c> or <c>Credential</c>.</summary>
    public string AuthenticationMethod => Settings.ApiKey != null ? "ApiKey" : "Credential";

    /// <summary>When the session logged in (local time).</summary>
    public DateTime ConnectedAt { get; private set; }

    /// <summary>False once the session has logged out.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>
    /// True when this is the default session of the runspace that connected it: the one cmdlets there use without
    /// -Session (the most recently connected one still open).
    /// </summary>
    public bool IsDefault => SessionRegistry.IsDefault(this);

    /// <summary>The runspace's registry entries that hold this session, if any (see <see cref="SessionRegistry"/>).</summary>
    internal object? Registry { get; set; }

    /// <summary>True when the SMC tracks the session by an Authorization token rather than a cookie.</summary>
    public bool TokenMode => _rest.Token != null;

    internal ApiVersion Version { get; private set; }

    /// <summary>The SMC's element types (its element entry points), the notification contexts; see <see cref="SmcRestClient.ElementTypes"/>.</summary>
    internal IReadOnlyList<string> ElementTypes => _rest.ElementTypes;

    internal SmcConnectionSettings Settings { get; }

    internal CertificatePolicy Certificates => _rest.Certificates;

    /// <summary>The JSESSIONID cookie value (cookie mode), for websocket handshakes.</summary>
    internal string? SessionCookie => _rest.SessionCookie;

    /// <summary>The Authorization token (token mode), for websocket handshakes.</summary>
    internal string? Token => _rest.Token;

    /// <summary>Discovers the API version, logs in and loads the entry points.</summary>
    internal static async Task<SmcSession> ConnectAsync(SmcConnectionSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ApiKey is null && settings.Credential is null)
        {
            throw SmcErrors.CredentialMissing.Create("Connecting needs -ApiKey or -Credential (or a ~/.smcrc file or the SMC_ADDRESS and SMC_API_KEY environment variables).");
        }
        // Relative URLs resolve under the base only when it ends with '/': https://host/smc is https://host/smc/.
        if (!settings.Url.AbsolutePath.EndsWith("/", StringComparison.Ordinal)) { settings.Url = new Uri(settings.Url.GetLeftPart(UriPartial.Path) + "/"); }
        var rest = new SmcRestClient(settings);
        var session = new SmcSession(settings, rest);
        try
        {
            using var versions = await rest.GetJsonAsync(new Uri(settings.Url, "api"), cancellationToken, authenticated: false, small: true).ConfigureAwait(false);
            var advertised = versions.RootElement.TryGetProperty("version", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(v => v.TryGetProperty("rel", out var rel) ? rel.GetString() : null).Where(v => v != null).Cast<string>()
                : Enumerable.Empty<string>();
            session.Version = Session.ApiVersion.Choose(advertised.ToList(), settings.ApiVersion, settings.Url);
            await session.LoginAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The URI of a websocket endpoint of this session, for example <c>monitoring/log/socket</c>.</summary>
    internal Uri SocketUri(string socketPath)
    {
        var scheme = Url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var builder = new UriBuilder(Url) { Scheme = scheme, Port = Url.Port };
        var basePath = builder.Path.TrimEnd('/');
        builder.Path = $"{basePath}/{ApiVersion}/{socketPath.TrimStart('/')}";
        return builder.Uri;
    }

    /// <summary>The SMC product version (for example <c>7.1.2</c>), read once from the <c>system</c> element.</summary>
    internal async Task<string> GetProductVersionAsync(CancellationToken cancellationToken)
    {
        if (_productVersion != null) { return _productVersion; }
        using var system = await _rest.GetJsonAsync(_rest.EntryPoint("system"), cancellationToken).ConfigureAwait(false);
        var link = system.RootElement.TryGetProperty("link", out var links) && links.ValueKind == JsonValueKind.Array
            ? links.EnumerateArray().FirstOrDefault(l => l.TryGetProperty("rel", out var rel) && rel.GetString() == "smc_version")
            : default;
        if (link.ValueKind != JsonValueKind.Object || !link.TryGetProperty("href", out var href))
        {
            throw SmcErrors.ProductVersionNotFound.Create($"The SMC at {Url} has no smc_version link on its system element.");
        }
        using var value = await _rest.GetJsonAsync(new Uri(href.GetString()!), cancellationToken).ConfigureAwait(false);
        var text = value.RootElement.TryGetProperty("value", out var v) ? v.GetString() ?? string.Empty : string.Empty;
        _productVersion = text.Split(' ')[0];
        return _productVersion;
    }

    /// <summary>Logs in again with the stored credentials (after the SMC expired the session).</summary>
    internal Task ReconnectAsync(CancellationToken cancellationToken) => LoginAsync(cancellationToken);

    /// <summary>Closes the session's sockets and logs out. Safe to call twice.</summary>
    internal async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        CloseSockets();
        if (!IsConnected) { return; }
        IsConnected = false;
        try
        {
            await _rest.LogoutAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _rest.Dispose();
        }
    }

    /// <summary>Registers a socket so that logging out closes it.</summary>
    internal void Track(IDisposable socket)
    {
        lock (_socketsLock) { _openSockets.Add(socket); }
    }

    /// <summary>Forgets a socket that closed by itself.</summary>
    internal void Untrack(IDisposable socket)
    {
        lock (_socketsLock) { _openSockets.Remove(socket); }
    }

    /// <summary>Sockets currently open on this session.</summary>
    internal int OpenSocketCount
    {
        get { lock (_socketsLock) { return _openSockets.Count; } }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        CloseSockets();
        IsConnected = false;
        _rest.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"SMC session {Id}: {Url} (API {ApiVersion}, {Domain}{(IsConnected ? string.Empty : ", disconnected")})";

    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        await _rest.LoginAsync(Version, cancellationToken).ConfigureAwait(false);
        IsConnected = true;
        ConnectedAt = DateTime.Now;
        User ??= await _rest.GetCurrentUserAsync(cancellationToken).ConfigureAwait(false);
    }

    private void CloseSockets()
    {
        IDisposable[] sockets;
        lock (_socketsLock)
        {
            sockets = _openSockets.ToArray();
            _openSockets.Clear();
        }
        foreach (var socket in sockets) { socket.Dispose(); }
    }
}
