namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// A splitmix64 sequence started from (seed, index): each record draws its values from its own stream,
/// so record i is the same whatever order records are generated in.
/// </summary>
internal struct HashStream
{
    private ulong state;

    public HashStream(int seed, long index)
    {
        state = Mix(Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL) ^ (ulong)index);
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

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
