namespace SmcMonitoring.Fields;

/// <summary>How records are keyed in a query's answer (<c>field_format</c>).</summary>
public enum FieldFormat
{
    /// <summary>Numeric field ids as strings (<c>"7"</c>).</summary>
    Id,
    /// <summary>The SMC's internal names (<c>Src</c>).</summary>
    Name,
    /// <summary>Display labels (<c>Src Addr</c>).</summary>
    Pretty,
}
