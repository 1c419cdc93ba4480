using System;
using System.Linq;
using System.Management.Automation;
using SmcMonitoring.Errors;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// What Remove-SmcBlocklistEntry and Remove-SmcVpnSa share: a DELETE of each record's href (docs/protocol.md 2.10), one
/// at a time as records arrive, each failing on its own (a non-terminating error, the next one still goes), with
/// -WhatIf, -Confirm and -PassThru.
/// </summary>
public abstract class SmcRecordRemovalCmdlet : SmcCmdlet
{
    /// <summary>Only this module's cmdlets derive from this class.</summary>
    private protected SmcRecordRemovalCmdlet()
    {
    }

    /// <summary>The parameter set of records from the pipeline.</summary>
    private protected const string RecordSet = "Record";

    /// <summary>The parameter set of hrefs.</summary>
    private protected const string HrefSet = "Href";

    private SmcSession? _session;

    /// <summary>
    /// <para type="description">The hrefs to DELETE, as the Href of a record (or the block_list_href, blacklist_href or vpn_sa_href of a -Raw record). Binds from the pipeline: strings, or objects with an Href property.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = HrefSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string[]? Href { get; set; }

    /// <summary>
    /// <para type="description">The session of the SMC the records come from. Defaults to the session each piped record came from (its Session property), and for -Href to the most recent session of Connect-SmcSession in this runspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public SmcSession? Session { get; set; }

    /// <summary>
    /// <para type="description">Write each record (or href) the SMC deleted to the pipeline.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>What the records are, for messages: <c>block-list entry</c>, <c>VPN SA</c>.</summary>
    private protected abstract string Noun { get; }

    /// <summary>The keys the SMC puts the href under, for the message about a record without one.</summary>
    private protected abstract string HrefKeys { get; }

    /// <summary>
    /// Href path segments of the other kind of record, with the cmdlet that deletes those: a VPN SA's href piped into
    /// Remove-SmcBlocklistEntry (it binds by its Href property) is refused rather than deleted by the wrong cmdlet.
    /// </summary>
    private protected abstract (string[] Segments, string Cmdlet) OtherKind { get; }

    /// <summary>Deletes each href given to -Href.</summary>
    private protected void RemoveHrefs()
    {
        foreach (var href in Href ?? new string?[] { null })
        {
            Remove(href, href is null ? $"{Noun} without an href" : $"{Noun} at {href}", href);
        }
    }

    /// <summary>Deletes the element behind one record, described for -WhatIf, -Verbose and errors.</summary>
    private protected void Remove(SmcRecord record, string description) => Remove(TextOf(record, "Href"), description, record);

    /// <summary>A property of a record as text; null when the record lacks it or has no value.</summary>
    private protected static string? TextOf(SmcRecord record, string property) =>
        record.GetPropertyNames().Any(name => string.Equals(name, property, StringComparison.OrdinalIgnoreCase)) && record[property] is { } value
            ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private void Remove(string? href, string description, object? target)
    {
        // A record goes back to the SMC it came from (several sessions' records can share one pipeline); -Session,
        // when given, and hrefs without a record use -Session or the default.
        var session = Session is null && target is SmcRecord { Source: SmcSession origin }
            ? ResolveSession(origin)
            : _session ??= ResolveSession(Session);
        if (string.IsNullOrWhiteSpace(href))
        {
            WriteError(ToErrorRecord(SmcErrors.HrefMissing.Create(
                $"The {description} has no Href, so it cannot be deleted: the SMC sent no {HrefKeys} with it. Get the record again from the SMC, or pass -Href."), target));
            return;
        }
        Uri uri;
        try
        {
            uri = session.CheckHref(href!, "Href");
        }
        catch (SmcException ex)
        {
            WriteError(ToErrorRecord(ex, target));
            return;
        }
        var foreign = OtherKind.Segments.FirstOrDefault(segment => uri.AbsolutePath.IndexOf("/" + segment + "/", StringComparison.Ordinal) >= 0);
        if (foreign != null)
        {
            WriteError(ToErrorRecord(SmcErrors.HrefInvalid.Create(
                $"The href '{href}' (-Href) is not a {Noun}'s: its path holds /{foreign}/. Delete it with {OtherKind.Cmdlet}."), target));
            return;
        }
        if (!ShouldProcess(description, "Remove")) { return; }
        try
        {
            session.Rest.DeleteAsync(uri, "delete the " + description, Cancellation).GetAwaiter().GetResult();
        }
        catch (SmcException ex)
        {
            WriteError(ToErrorRecord(ex, target));
            return;
        }
        WriteVerbose($"Deleted the {description}.");
        if (PassThru) { WriteObject(target); }
    }
}
