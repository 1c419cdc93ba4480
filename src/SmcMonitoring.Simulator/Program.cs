namespace SmcMonitoring.Simulator;

/// <summary>Entry point.</summary>
public static class Program
{
    /// <summary>Runs.</summary>
    public static void Main() { }
}
