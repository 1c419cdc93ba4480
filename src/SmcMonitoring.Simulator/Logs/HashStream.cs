namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// A splitmix64 sequence started from (seed, index): each record draws its values from its own stream,
/// so record i is the same whatever order records are generated in.
/// </summary>
internal struct HashStream
{
    private ulong state;

    public HashStream(int seed, long index)
        : this((ulong)(uint)seed, index)
    {
    }

    /// <summary>A stream from a 64-bit seed, e.g. one derived with <see cref="Combine"/> from a seed and a name.</summary>
    public HashStream(ulong seed, long index)
    {
        state = Mix(Mix(seed + 0x9E3779B97F4A7C15UL) ^ (ulong)index);
    }

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>A value in [0, bound), by multiply-shift (no modulo bias worth speaking of for small bounds).</summary>
    public int Below(int bound) => (int)(((Next() >> 32) * (ulong)bound) >> 32);

    /// <summary>A value in [low, high].</summary>
    public int Between(int low, int high) => low + Below(high - low + 1);

    /// <summary>A seed derived from another seed and a value: distinct values give unrelated streams.</summary>
    public static ulong Combine(ulong seed, ulong value) => Mix(seed ^ Mix(value + 0x9E3779B97F4A7C15UL));

    /// <summary>
    /// A stable 64-bit hash of a text (FNV-1a over its UTF-16 code units): unlike <see cref="string.GetHashCode()"/>
    /// it is the same in every process, so data derived from an engine name is the same in every run.
    /// </summary>
    public static ulong Of(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
