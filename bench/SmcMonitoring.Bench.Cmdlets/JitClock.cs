using System;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>The process's JIT compilation time, as <c>System.Runtime.JitInfo</c> reports it on .NET 6 and later.</summary>
internal static class JitClock
{
    // Found by reflection: this assembly targets netstandard2.0, where JitInfo is not named.
    private static readonly Func<bool, TimeSpan>? CompilationTime = (Func<bool, TimeSpan>?)Type.GetType("System.Runtime.JitInfo")
        ?.GetMethod("GetCompilationTime", new[] { typeof(bool) })?.CreateDelegate(typeof(Func<bool, TimeSpan>));

    /// <summary>True when the runtime reports compilation time.</summary>
    public static bool IsAvailable => CompilationTime != null;

    /// <summary>Time spent compiling so far, on every thread; zero where the runtime does not report it.</summary>
    public static TimeSpan Compiled() => CompilationTime?.Invoke(false) ?? TimeSpan.Zero;
}
