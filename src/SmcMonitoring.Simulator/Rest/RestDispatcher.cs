using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>Every HTTP request lands here: it is recorded, its API version checked, then routed (docs/protocol.md 2.11).</summary>
internal sealed class RestDispatcher
{
    private const string DefaultDomain = "Shared Domain";

    private readonly SimulatorContext context;
    private readonly Dictionary<string, Route> routes;
    private readonly SessionEntryEndpoint sessionEntries;
    private readonly ElementEndpoint elements;
    private readonly AdminEndpoint admin;
    private readonly RestAnswers answers;
    private readonly EngineEndpoint engines;

    public RestDispatcher(SimulatorContext context)
    {
        this.context = context;
        var sockets = new SocketEndpoint(context);
        sessionEntries = new SessionEntryEndpoint(context);
        elements = new ElementEndpoint(new ElementStore(context.ElementChanges));
        admin = new AdminEndpoint(context);
        answers = new RestAnswers(context);
        engines = new EngineEndpoint(context);
        routes = new Dictionary<string, Route>(StringComparer.Ordinal)
        {
            ["login"] = new("POST", false, LoginAsync),
            ["lms_login"] = new("POST", false, LmsLoginAsync),
            ["api"] = new("GET", !context.Options.TokenMode, (http, call) => answers.EntryPointsAsync(http, call.VersionBase)),
            ["logout"] = new("PUT", false, LogoutAsync),
            ["current_user"] = new("GET", true, (http, call) => Json(http, ElementDocuments.CurrentUser(call.VersionBase, call.Session!))),
            ["elements/api_client/1"] = new("GET", true, (http, call) => Json(http, ElementDocuments.User(call.VersionBase, SessionKind.ApiClient, context.Options.UserName))),
            ["elements/admin_user/1"] = new("GET", true, (http, call) => Json(http, ElementDocuments.User(call.VersionBase, SessionKind.AdminUser, context.Options.UserName))),
            ["system"] = new("GET", true, (http, call) => Json(http, ElementDocuments.System(call.VersionBase))),
            ["system/smc_version"] = new("GET", true, (http, call) => Json(http, ElementDocuments.Value(context.Options.ProductVersion))),
            ["system/smc_time"] = new("GET", true, (http, call) => Json(http, ElementDocuments.SmcTime())),
            ["elements"] = new("GET", true, (http, call) => engines.ElementsAsync(http, call.VersionBase)),
            ["monitoring/log/schemas"] = new("GET", true, (http, call) => Json(http, ElementDocuments.LogSchemas())),
            ["monitoring/log/socket"] = new("GET", false, (http, call) => sockets.HandleAsync(http, SocketKind.Log)),
            ["monitoring/session/socket"] = new("GET", false, (http, call) => sockets.HandleAsync(http, SocketKind.Session)),
            ["notification/socket"] = new("GET", false, (http, call) => sockets.HandleAsync(http, SocketKind.Notification)),
        };
    }

    private delegate Task Handler(HttpContext http, RouteCall call);

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var body = http.WebSockets.IsWebSocketRequest ? null : await new StreamReader(request.Body).ReadToEndAsync(http.RequestAborted);
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : null;
        context.Recorder.Record("http", request.Method, request.Path.Value ?? "/", query, body);
        if (!EnterPathBase(request))
        {
            await JsonAnswers.ErrorAsync(http, StatusCodes.Status404NotFound, $"No resource at {request.Path}.", $"This SMC is served under {context.Options.PathBase}.");
            return;
        }

        var path = (request.Path.Value ?? string.Empty).Trim('/');
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        if (path == "api")
        {
            await (request.Method == "GET" ? answers.VersionsAsync(http, baseUrl) : MethodNotAllowed(http, "GET"));
            return;
        }

        if (path.StartsWith(AdminEndpoint.Prefix, StringComparison.Ordinal))
        {
            await admin.HandleAsync(http, path[AdminEndpoint.Prefix.Length..], body, baseUrl);
            return;
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var version = slash < 0 ? path : path[..slash];
        if (Array.IndexOf(context.Options.ApiVersions, version) < 0)
        {
            await JsonAnswers.ErrorAsync(http, StatusCodes.Status404NotFound, $"API version '{version}' is not supported.", $"Supported versions: {string.Join(", ", context.Options.ApiVersions)}.");
            return;
        }

        var route = slash < 0 ? null : Resolve(path[(slash + 1)..]);
        if (route is null)
        {
            await JsonAnswers.ErrorAsync(http, StatusCodes.Status404NotFound, $"No resource at {request.Path}.");
            return;
        }

        if (route.Method is not null && request.Method != route.Method)
        {
            await MethodNotAllowed(http, route.Method);
            return;
        }

        if (route.NeedsSession && context.Faults.RedirectRestTo is { } redirect)
        {
            RedirectElsewhere(http, redirect);
            return;
        }

        var session = context.Sessions.FromRequest(request);
        if (route.NeedsSession && session is null)
        {
            await JsonAnswers.ErrorAsync(http, StatusCodes.Status401Unauthorized, "Not logged in.", "The session is unknown or has expired: log in again.");
            return;
        }

        if (context.Faults.RefuseWrites && IsWrite(request.Method, path[(slash + 1)..]))
        {
            await RefuseWriteAsync(http, session);
            return;
        }

        await route.Handle(http, new RouteCall($"{baseUrl}/{version}", session, body));
    }

    /// <summary>The <see cref="SimulatorFaults.RedirectRestTo"/> answer: a redirect to that URL plus the request's path.</summary>
    private void RedirectElsewhere(HttpContext http, string target)
    {
        var location = target.TrimEnd('/') + http.Request.PathBase + http.Request.Path;
        var status = context.Faults.RedirectUpgradeStatus;
        context.Recorder.Note("fault", $"{http.Request.PathBase}{http.Request.Path}", new JsonObject { ["fault"] = "RedirectRestTo", ["status"] = status, ["location"] = location });
        http.Response.StatusCode = status;
        http.Response.Headers.Location = location;
    }

    /// <summary>Moves <see cref="SimulatorOptions.PathBase"/> from the path to PathBase; false when the request is outside it.</summary>
    private bool EnterPathBase(HttpRequest request)
    {
        var pathBase = context.Options.PathBase;
        if (pathBase.Length == 0)
        {
            return true;
        }

        if (!request.Path.StartsWithSegments(pathBase, StringComparison.Ordinal, out var remaining))
        {
            return false;
        }

        request.PathBase = request.PathBase.Add(pathBase);
        request.Path = remaining;
        return true;
    }

    /// <summary>The route of a path below the version: a fixed one, a block-list or VPN SA href, or an element.</summary>
    private Route? Resolve(string resource)
    {
        if (routes.TryGetValue(resource, out var route))
        {
            return route;
        }

        if (engines.Route(resource) is { } engineRoute)
        {
            return new Route(engineRoute.Method, true, (http, call) => engineRoute.Handle(http, call.Body, call.VersionBase));
        }

        if (SessionEntryEndpoint.IsEntryPath(resource))
        {
            return new Route("DELETE", true, (http, call) => sessionEntries.DeleteAsync(http, resource));
        }

        return ElementEndpoint.IsElementPath(resource, out var elementType, out var id)
            ? new Route(null, true, (http, call) => elements.HandleAsync(http, elementType, id, call.Body, call.VersionBase))
            : null;
    }

    private Task LoginAsync(HttpContext http, RouteCall call)
    {
        string? key = null;
        string domain = DefaultDomain;
        try
        {
            using var document = JsonDocument.Parse(call.Body ?? string.Empty);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                key = document.RootElement.StringMember("authenticationkey");
                domain = document.RootElement.StringMember("domain") ?? DefaultDomain;
            }
        }
        catch (JsonException)
        {
            return JsonAnswers.ErrorAsync(http, StatusCodes.Status400BadRequest, "The login body must be JSON.", "Expected {\"authenticationkey\": \"...\", \"domain\": \"...\"}.");
        }

        return key == context.Options.ApiKey
            ? StartSessionAsync(http, context.Sessions.Create(SessionKind.ApiClient, ElementDocuments.ApiClientName, domain))
            : JsonAnswers.ErrorAsync(http, StatusCodes.Status401Unauthorized, "Login failed.", "The authentication key is not valid.");
    }

    private Task LmsLoginAsync(HttpContext http, RouteCall call)
    {
        var query = http.Request.Query;
        var login = query["login"].ToString();
        var password = query["pwd"].ToString();
        var domain = query["domain"].ToString();
        return login == context.Options.UserName && password == context.Options.Password
            ? StartSessionAsync(http, context.Sessions.Create(SessionKind.AdminUser, login, domain.Length == 0 ? DefaultDomain : domain))
            : JsonAnswers.ErrorAsync(http, StatusCodes.Status401Unauthorized, "Login failed.", "The user name or password is not valid.");
    }

    private Task StartSessionAsync(HttpContext http, SimulatorSession session)
    {
        if (context.Options.TokenMode)
        {
            http.Response.Headers.Authorization = session.Id;
        }
        else
        {
            var cookiePath = context.Options.SessionCookiePath == SessionCookiePathScope.Version
                ? $"{http.Request.PathBase}/{SocketEndpoint.VersionOf(http.Request)}"
                : "/";
            http.Response.Headers.SetCookie = $"{SessionStore.CookieName}={session.Id}; Path={cookiePath}; HttpOnly";
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        return answers.AfterLoginAsync(http);
    }

    /// <summary>
    /// In token mode a logout without the Authorization header is refused (a real SMC answered 401) or, with
    /// <see cref="SimulatorOptions.LogoutWithoutToken"/> Accept, answered 204 as the reference expects.
    /// </summary>
    private Task LogoutAsync(HttpContext http, RouteCall call)
    {
        var authorization = !string.IsNullOrWhiteSpace(http.Request.Headers.Authorization);
        var accepted = call.Session is not null
            || (context.Options.TokenMode && !authorization && context.Options.LogoutWithoutToken == TokenlessLogoutAnswer.Accept);
        context.Recorder.Note("logout", $"{http.Request.PathBase}{http.Request.Path}", new JsonObject
        {
            ["status"] = accepted ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized,
            ["authorization"] = authorization,
            ["cookie"] = http.Request.Headers.Cookie.Count > 0,
        });
        if (!accepted)
        {
            return JsonAnswers.ErrorAsync(http, StatusCodes.Status401Unauthorized, "Not logged in.", context.Options.TokenMode ? "Log out with the Authorization header of the session." : "Log out with the session cookie.");
        }

        if (call.Session is not null)
        {
            context.Sessions.Remove(call.Session);
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task Json(HttpContext http, JsonNode body) => JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, body);

    private static Task MethodNotAllowed(HttpContext http, string allowed)
    {
        http.Response.Headers.Allow = allowed;
        return JsonAnswers.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, $"Method {http.Request.Method} is not allowed here.", $"Use {allowed}.");
    }

    /// <summary>A route; a null method means the handler accepts several and answers 405 itself.</summary>
    private sealed record Route(string? Method, bool NeedsSession, Handler Handle);

    /// <summary>What a handler gets besides the request: the version's base URL, the caller's session, the body read for recording.</summary>
    private sealed record RouteCall(string VersionBase, SimulatorSession? Session, string? Body);

    // Refused writes (SimulatorFaults.RefuseWrites).

    /// <summary>A call that changes the SMC: POST, PUT or DELETE, except logging in and out.</summary>
    private static bool IsWrite(string method, string resource) =>
        method is "POST" or "PUT" or "DELETE" && resource is not ("login" or "lms_login" or "logout");

    /// <summary>403 with the SMC's error body, as for an API client whose role lacks the right.</summary>
    private static Task RefuseWriteAsync(HttpContext http, SimulatorSession? session) =>
        JsonAnswers.SmcErrorAsync(
            http,
            StatusCodes.Status403Forbidden,
            $"Access denied: {http.Request.Method} {http.Request.Path} is not allowed.",
            $"The administrator role of '{session?.UserName ?? "this client"}' does not grant the permission to change this element.");
}
