using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>
/// A session's engines, from the SMC's <c>engine_clusters</c> search (docs/protocol.md 2.10a), kept until a name is
/// missing from them (engines can be added while a script runs), and each engine's links, read once from its
/// element. Safe to share between runspaces: the REST calls run outside the lock, so two may fetch at once.
/// </summary>
internal sealed class EngineDirectory
{
    private const string SearchContext = "engine_clusters";

    private readonly SmcRestClient _rest;
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, Uri>> _linksByEngine = new(StringComparer.Ordinal);
    private IReadOnlyList<SmcEngine>? _engines;
    private SmcException? _listingRefused;

    public EngineDirectory(SmcRestClient rest)
    {
        _rest = rest;
    }

    /// <summary>The engines as last listed; null before the first listing.</summary>
    public IReadOnlyList<SmcEngine>? Cached
    {
        get { lock (_gate) { return _engines; } }
    }

    /// <summary>Why the SMC refused to list the engines to this session (no right, no search), if it did; then nothing is checked.</summary>
    public SmcException? ListingRefused
    {
        get { lock (_gate) { return _listingRefused; } }
    }

    /// <summary>Lists every engine of the SMC and keeps the list.</summary>
    public async Task<IReadOnlyList<SmcEngine>> RefreshAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SmcEngine> engines;
        try
        {
            using var answer = await _rest.ReadAsync(SearchUri(), "list the engines", cancellationToken).ConfigureAwait(false);
            engines = Parse(answer);
        }
        catch (SmcException ex) when (ex.Kind is SmcErrorKind.PermissionDenied or SmcErrorKind.NotFound)
        {
            lock (_gate) { _listingRefused = ex; }
            throw;
        }
        lock (_gate)
        {
            _engines = engines;
            _listingRefused = null;
        }
        return engines;
    }

    /// <summary>
    /// The engine of each name (the SMC's own spelling; case is ignored when only one engine matches that way), or
    /// null for a name the SMC does not know even after listing the engines again.
    /// </summary>
    public async Task<IReadOnlyList<SmcEngine?>> FindAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var cached = Cached;
        var engines = cached ?? await RefreshAsync(cancellationToken).ConfigureAwait(false);
        var found = names.Select(name => Match(engines, name)).ToList();
        if (cached != null && found.Contains(null))
        {
            engines = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            found = names.Select(name => Match(engines, name)).ToList();
        }
        return found;
    }

    /// <summary>The href of the link <paramref name="rel"/> of an engine element (for example <c>block_list</c>).</summary>
    public async Task<Uri> LinkAsync(SmcEngine engine, string rel, CancellationToken cancellationToken)
    {
        Dictionary<string, Uri>? links;
        lock (_gate) { _linksByEngine.TryGetValue(engine.Href, out links); }
        if (links is null)
        {
            if (!Uri.TryCreate(engine.Href, UriKind.Absolute, out var href))
            {
                throw SmcErrors.ResponseInvalid.Create($"The SMC listed the engine '{engine.Name}' with the href '{engine.Href}', which is not an absolute URL.");
            }
            using var element = await _rest.ReadAsync(href, $"read the engine '{engine.Name}'", cancellationToken).ConfigureAwait(false);
            links = ElementLinks.Of(element.RootElement);
            lock (_gate) { _linksByEngine[engine.Href] = links; }
        }
        return links.TryGetValue(rel, out var link)
            ? link
            : throw SmcErrors.EngineLinkNotFound.Create(
                $"The engine '{engine.Name}' ({engine.Type}) has no '{rel}' link on this SMC, so it cannot do this (its links: {string.Join(", ", links.Keys.OrderBy(k => k, StringComparer.Ordinal))}).");
    }

    private static SmcEngine? Match(IReadOnlyList<SmcEngine> engines, string name)
    {
        var exact = engines.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
        if (exact != null) { return exact; }
        var loose = engines.Where(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return loose.Count == 1 ? loose[0] : null;
    }

    /// <summary>The search that lists every engine: <c>{elements}?filter_context=engine_clusters</c>.</summary>
    private Uri SearchUri() => new UriBuilder(_rest.EntryPoint("elements")) { Query = "filter_context=" + SearchContext }.Uri;

    /// <summary>A search answer: <c>{"result":[{"name","href","type"}]}</c>, or the bare list.</summary>
    private static IReadOnlyList<SmcEngine> Parse(JsonDocument answer)
    {
        var root = answer.RootElement;
        var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result) ? result : root;
        if (items.ValueKind != JsonValueKind.Array)
        {
            throw SmcErrors.ResponseInvalid.Create("The SMC answered the engine search without a result list.");
        }
        var engines = new List<SmcEngine>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && Text(item, "name") is { } name && Text(item, "href") is { } href)
            {
                engines.Add(new SmcEngine(name, Text(item, "type") ?? string.Empty, href));
            }
        }
        return engines;
    }

    private static string? Text(JsonElement item, string key) =>
        item.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
