using System.Management.Automation;
using SmcMonitoring.Records;

namespace SmcMonitoring.Bench.Cmdlets;

/// <summary>The kind of record to write.</summary>
public enum BenchRecordKind
{
    /// <summary>SmcLogRecord with the default log columns.</summary>
    Log,
    /// <summary>SmcConnection with the default connection columns.</summary>
    Connection,
}

/// <summary>
/// Writes <see cref="Count"/> records built once beforehand: the most records per second a cmdlet can hand to the
/// pipeline on this machine, with no socket and no parsing (the ceiling of Get-SmcLog and Get-SmcConnection).
/// </summary>
[Cmdlet(VerbsCommunications.Write, "SmcBenchRecord")]
[OutputType(typeof(SmcLogRecord), typeof(SmcConnection))]
public sealed class WriteSmcBenchRecordCommand : PSCmdlet
{
    /// <summary>How many records to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>Log records (the default) or connections.</summary>
    [Parameter]
    public BenchRecordKind Kind { get; set; } = BenchRecordKind.Log;

    /// <summary>
    /// How many different record objects to cycle through: 200 by default (one message's worth, warm in the CPU's
    /// caches), or as many as <see cref="Count"/> to write a fresh object each time, as a query does. They are built on
    /// the first call with that number and kept for the process.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 10_000_000)]
    public int Distinct { get; set; } = PrebuiltRecords.Distinct;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var records = Kind == BenchRecordKind.Connection ? PrebuiltRecords.Connections(Distinct) : PrebuiltRecords.Logs(Distinct);
        for (var i = 0; i < Count; i++) { WriteObject(records[i % records.Length]); }
    }
}
