using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>
/// The REST calls behind the engine list and the cmdlets that change the SMC: JSON GET, POST and DELETE that log in
/// again once on 401, as GETs do. A 403, or a 401 that survives the new login, means the API client or administrator
/// lacks the right (docs/real-smc.md 7), and the error says so with the SMC's own <c>message</c> and <c>details</c>.
/// </summary>
internal sealed partial class SmcRestClient
{
    /// <summary>GETs a JSON document (an element, a search).</summary>
    /// <param name="uri">The absolute URL.</param>
    /// <param name="purpose">What the call is for, completing "refused to ...", for example <c>list the engines</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<JsonDocument> ReadAsync(Uri uri, string purpose, CancellationToken cancellationToken) =>
        await CallAsync(HttpMethod.Get, uri, null, purpose, cancellationToken).ConfigureAwait(false)
        ?? throw SmcErrors.ResponseInvalid.Create($"GET {uri.AbsolutePath} on the SMC at {_settings.Url} returned no body (while trying to {purpose}).");

    /// <summary>POSTs a JSON body; any 2xx is a success.</summary>
    public async Task PostJsonAsync(Uri uri, byte[] body, string purpose, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync(HttpMethod.Post, uri, body, purpose, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DELETEs a resource; any 2xx is a success.</summary>
    public async Task DeleteAsync(Uri uri, string purpose, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync(HttpMethod.Delete, uri, null, purpose, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one call, logging in again once on 401; returns the answer's JSON, or null when it has none.</summary>
    private async Task<JsonDocument?> CallAsync(HttpMethod method, Uri uri, byte[]? body, string purpose, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body != null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            if (Token != null) { request.Headers.TryAddWithoutValidation("Authorization", Token); }
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                await LoginAsync(_version, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if ((int)response.StatusCode is < 200 or > 299)
            {
                throw await FailureAsync(response, method, uri, purpose).ConfigureAwait(false);
            }
            var bytes = await ReadBodyAsync(response, request, small: false, cancellationToken).ConfigureAwait(false);
            if (bytes.Length == 0) { return null; }
            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException ex) when (method == HttpMethod.Get)
            {
                throw SmcErrors.ResponseInvalid.Create($"GET {uri.AbsolutePath} on the SMC at {_settings.Url} returned a body that is not JSON (while trying to {purpose}).", ex);
            }
            catch (JsonException)
            {
                // A change succeeded by its status; what the SMC wrote beside it is not needed.
                return null;
            }
        }
    }

    private async Task<SmcException> FailureAsync(HttpResponseMessage response, HttpMethod method, Uri uri, string purpose)
    {
        var reason = await ErrorTextAsync(response).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var call = $"HTTP {status} on {method} {uri.AbsolutePath}";
        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => SmcErrors.RequestForbidden.Create(
                $"The SMC at {_settings.Url} refused to {purpose} ({call}): the API client or administrator of this session lacks the right to do so; grant it in the SMC (the role of the API client or administrator). The SMC said: {reason}",
                reason),
            HttpStatusCode.NotFound => SmcErrors.ResourceNotFound.Create(
                $"Cannot {purpose}: the SMC at {_settings.Url} has nothing there ({call}); it may have been deleted already. The SMC said: {reason}",
                reason),
            _ => SmcErrors.RequestFailed.Create($"Cannot {purpose}: the SMC at {_settings.Url} answered {call}. The SMC said: {reason}", reason),
        };
    }
}
