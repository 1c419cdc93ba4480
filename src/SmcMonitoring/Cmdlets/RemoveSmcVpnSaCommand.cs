using System.Management.Automation;
using SmcMonitoring.Records;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Deletes VPN security associations of SMC engines.</para>
/// <para type="description">Remove-SmcVpnSa deletes VPN SAs by their href, as the reference client's entry.delete() does (SMC 6.4.2 or newer): pipe records from Get-SmcVpnSa, or give -Href. The engine then drops the SA, and the tunnel negotiates a new one when traffic needs it. Each SA is deleted as it arrives; one that fails is a non-terminating error and the next one still goes. A record without an Href is an error that says why it cannot be deleted. -WhatIf shows each SA and deletes nothing; -PassThru writes each deleted record.</para>
/// </summary>
/// <example>
/// <code>Get-SmcVpnSa -Engine sg_vm | Where-Object PeerSecurityGateway -eq 'cisco_asa_5505' | Remove-SmcVpnSa</code>
/// <para>Deletes the SAs of one peer gateway on sg_vm, so they are negotiated again (the reference client's entry.delete()).</para>
/// </example>
/// <example>
/// <code>Get-SmcVpnSa -Engine sg_vm | Where-Object SaClass -eq 'IKE' | Remove-SmcVpnSa -WhatIf</code>
/// <para>Shows which IKE SAs would be deleted, without deleting any.</para>
/// </example>
/// <example>
/// <code>$deleted = Get-SmcVpnSa -Engine sg_vm | Remove-SmcVpnSa -Confirm:$false -PassThru</code>
/// <para>Deletes every SA of sg_vm without asking and keeps the deleted records.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="GetSmcVpnSaCommand"/>
[Cmdlet(VerbsCommon.Remove, "SmcVpnSa", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RecordSet)]
[OutputType(typeof(SmcVpnSa), typeof(string))]
public sealed class RemoveSmcVpnSaCommand : SmcRecordRemovalCmdlet
{
    /// <summary>
    /// <para type="description">VPN SAs from Get-SmcVpnSa, by pipeline: each is deleted by its Href.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = RecordSet, ValueFromPipeline = true)]
    public SmcVpnSa[]? InputObject { get; set; }

    private protected override string Noun => "VPN SA";

    private protected override string HrefKeys => "vpn_sa_href";

    private protected override (string[] Segments, string Cmdlet) OtherKind => (new[] { "block_list", "blacklist" }, "Remove-SmcBlocklistEntry");

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == HrefSet)
        {
            RemoveHrefs();
            return;
        }
        foreach (var sa in InputObject ?? new SmcVpnSa[0])
        {
            var kind = TextOf(sa, "SaClass");
            var peer = TextOf(sa, "PeerSecurityGateway") ?? TextOf(sa, "PeerEndpoint");
            var what = peer is null ? string.Empty : $" with {peer}";
            Remove(sa, $"{(kind is null ? string.Empty : kind + " ")}VPN SA of {TextOf(sa, "Engine") ?? "an engine"}{what}");
        }
    }
}
