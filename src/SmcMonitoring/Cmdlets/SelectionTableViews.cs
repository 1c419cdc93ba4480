using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// Gives a field selection of the user's (<c>-Field</c>) a table view of its own. PowerShell shows an object without
/// a view as a list once it has five properties or more; the records of a selection carry a type name of that very
/// selection (<see cref="RecordShape.SelectionTypeName"/>), and this adds a table view for it to the runspace once,
/// the first time the selection is used there, so <c>-Field</c> with any number of fields is a table like the default.
/// </summary>
internal static class SelectionTableViews
{
    private const string TimeFormat = "if ($_.{0} -is [datetime]) {{ $_.{0}.ToString('yyyy-MM-dd HH:mm:ss') }} else {{ $_.{0} }}";

    /// <summary>
    /// Adds the table view of <paramref name="shape"/>'s selection to the caller's runspace unless it has it. A runspace
    /// that cannot take format data (no initial session state, no Update-FormatData) keeps PowerShell's own choice,
    /// and the verbose stream says why.
    /// </summary>
    public static void Ensure(PSCmdlet cmdlet, RecordShape shape)
    {
        if (shape.SelectionTypeName is not { } typeName) { return; }
        var state = Runspace.DefaultRunspace?.InitialSessionState;
        if (state is null) { return; }
        foreach (var entry in state.Formats)
        {
            if (entry.FormatData is { } existing && existing.TypeName == typeName) { return; }
        }
        try
        {
            state.Formats.Add(new SessionStateFormatEntry(new ExtendedTypeDefinition(typeName, new[] { new FormatViewDefinition(typeName, TableOf(shape)) })));
            cmdlet.InvokeCommand.InvokeScript("Microsoft.PowerShell.Utility\\Update-FormatData");
        }
        catch (Exception ex) when (ex is RuntimeException or InvalidOperationException or NotSupportedException)
        {
            cmdlet.WriteVerbose($"The records of this field selection have no table view of their own, so PowerShell may show them as a list ({ex.Message}). Format-Table shows them as a table.");
        }
    }

    /// <summary>The selection's table: times as the default views write them, ports and numbers to the right, the last column as wide as the rest of the line.</summary>
    internal static TableControl TableOf(RecordShape shape)
    {
        var columns = new List<RecordColumn>(shape.ShownColumns);
        var table = new TableControl();
        var items = new List<TableControlColumn>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var width = i == columns.Count - 1 ? 0 : WidthOf(column);
            var alignment = column.Kind is FieldKind.Port or FieldKind.Number ? Alignment.Right : Alignment.Undefined;
            table.Headers.Add(new TableControlColumnHeader(column.Property, width, alignment));
            items.Add(new TableControlColumn(alignment, column.Kind == FieldKind.Time
                ? new DisplayEntry(string.Format(System.Globalization.CultureInfo.InvariantCulture, TimeFormat, column.Property), DisplayEntryValueType.ScriptBlock)
                : new DisplayEntry(column.Property, DisplayEntryValueType.Property)));
        }
        table.Rows.Add(new TableControlRow(items));
        return table;
    }

    /// <summary>A width that shows the whole of the usual value and the header (text gets a fair share; the last column, whatever its kind, takes the rest of the line).</summary>
    private static int WidthOf(RecordColumn column)
    {
        var width = column.Kind switch
        {
            FieldKind.Time => 19,
            FieldKind.Ip => 15,
            FieldKind.Port => 5,
            FieldKind.Action => 9,
            FieldKind.Severity => 8,
            _ => 16,
        };
        return Math.Max(width, column.Property.Length);
    }
}
