using System;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>What the session offers the cmdlets that read engines and change the SMC.</summary>
public sealed partial class SmcSession
{
    private EngineDirectory? _engines;

    /// <summary>This session's engines, listed once and kept (see <see cref="EngineDirectory"/>).</summary>
    internal EngineDirectory Engines => LazyInitializer.EnsureInitialized(ref _engines, () => new EngineDirectory(_rest))!;

    /// <summary>The REST calls that read elements and change the SMC, with this session's credentials.</summary>
    internal SmcRestClient Rest => _rest;

    /// <summary>
    /// <paramref name="href"/> as a URL this session may send its credentials to: absolute, and on this session's SMC
    /// (scheme, host, port and base path), so that a record of another SMC never receives this session's token.
    /// </summary>
    /// <param name="href">The element href, as a record or the user gave it.</param>
    /// <param name="parameter">The parameter it came from, for the error.</param>
    internal Uri CheckHref(string href, string parameter)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw SmcErrors.HrefInvalid.Create($"The href '{href}' (-{parameter}) is not an absolute http or https URL. Hrefs look like {Url.GetLeftPart(UriPartial.Authority)}/{ApiVersion}/elements/single_fw/1649/block_list/MQ==, as the Href of a record.");
        }
        var basePath = Url.AbsolutePath.TrimEnd('/') + "/";
        if (Uri.Compare(uri, Url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
            || !uri.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal))
        {
            throw SmcErrors.HrefInvalid.Create($"The href '{href}' (-{parameter}) is not on the SMC of session {Id} ({Url}), so it is not sent there. Pass the session of that SMC with -Session.");
        }
        return uri;
    }

    /// <summary>The link <paramref name="rel"/> of the SMC's <c>system</c> element, for example <c>block_list</c>.</summary>
    internal async Task<Uri> SystemLinkAsync(string rel, CancellationToken cancellationToken)
    {
        using var system = await _rest.ReadAsync(_rest.EntryPoint("system"), "read the system element", cancellationToken).ConfigureAwait(false);
        var links = ElementLinks.Of(system.RootElement);
        return links.TryGetValue(rel, out var link)
            ? link
            : throw SmcErrors.EngineLinkNotFound.Create($"The system element of the SMC at {Url} has no '{rel}' link, so the SMC cannot do this with API {ApiVersion}.");
    }
}
