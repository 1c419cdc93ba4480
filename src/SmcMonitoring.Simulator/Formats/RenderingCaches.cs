using System;
using System.Collections.Generic;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>
/// Caches of rendered records (<c>--cache-rendered-records</c>), one per way of rendering them (a
/// <see cref="RecordFormat.RenderingKey"/>, with whatever else shapes the bytes). A handful of ways are ever used at
/// once; a new one beyond <see cref="MaxKept"/> starts over, so memory stays bounded. Thread-safe.
/// </summary>
internal sealed class RenderingCaches<T>
    where T : class
{
    /// <summary>Ways of rendering kept at once.</summary>
    public const int MaxKept = 4;

    private readonly Dictionary<string, T> caches = new(StringComparer.Ordinal);

    /// <summary>The cache for <paramref name="renderingKey"/>, made by <paramref name="create"/> the first time.</summary>
    public T For(string renderingKey, Func<T> create)
    {
        lock (caches)
        {
            if (!caches.TryGetValue(renderingKey, out var cache))
            {
                if (caches.Count >= MaxKept)
                {
                    caches.Clear();
                }

                cache = create();
                caches.Add(renderingKey, cache);
            }

            return cache;
        }
    }
}
