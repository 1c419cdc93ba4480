using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// The hostile-server faults of <see cref="SimulatorFaults"/> as JSON fields of <c>/_simulator/faults</c>; enum
/// values are spelled as on the command line (<c>"other-fetch"</c>), null clears.
/// </summary>
internal static class HostileFaultSettings
{
    public const string ValidFields =
        "UpgradeNeverAnswered, BatchesPastQuantity, HugeMessageRecords, EndlessRestBody (login, api, versions, none), OversizedRestBodyBytes, "
        + "RedirectUpgradeTo (URL), RedirectUpgradeStatus, FreezeAfterMessages, EndFrame (array, other-fetch, none), InvalidUtf8Frames, WrongTypeRecords, "
        + "RedirectRestTo (URL), EntryPointsBase (URL)";

    public static JsonObject AddTo(JsonObject json, SimulatorFaults faults)
    {
        json["UpgradeNeverAnswered"] = faults.UpgradeNeverAnswered;
        json["BatchesPastQuantity"] = faults.BatchesPastQuantity;
        json["HugeMessageRecords"] = faults.HugeMessageRecords;
        json["EndlessRestBody"] = ModeNames.Of(faults.EndlessRestBody);
        json["OversizedRestBodyBytes"] = faults.OversizedRestBodyBytes;
        json["RedirectUpgradeTo"] = faults.RedirectUpgradeTo;
        json["RedirectUpgradeStatus"] = faults.RedirectUpgradeStatus;
        json["FreezeAfterMessages"] = faults.FreezeAfterMessages;
        json["EndFrame"] = ModeNames.Of(faults.EndFrame);
        json["InvalidUtf8Frames"] = faults.InvalidUtf8Frames;
        json["WrongTypeRecords"] = faults.WrongTypeRecords;
        json["RedirectRestTo"] = faults.RedirectRestTo;
        json["EntryPointsBase"] = faults.EntryPointsBase;
        return json;
    }

    /// <summary>Sets the fault a field names; false when the name is none of these. Bad values throw <see cref="FormatException"/> or <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static bool Set(SimulatorFaults faults, JsonProperty field)
    {
        var value = field.Value;
        switch (field.Name.ToUpperInvariant())
        {
            case "UPGRADENEVERANSWERED":
                faults.UpgradeNeverAnswered = FaultSettings.Flag(value, field.Name);
                return true;
            case "BATCHESPASTQUANTITY":
                faults.BatchesPastQuantity = FaultSettings.Flag(value, field.Name);
                return true;
            case "HUGEMESSAGERECORDS":
                faults.HugeMessageRecords = FaultSettings.Count(value, field.Name);
                return true;
            case "ENDLESSRESTBODY":
                faults.EndlessRestBody = Mode<EndlessRestAnswer>(value, field.Name);
                return true;
            case "OVERSIZEDRESTBODYBYTES":
                faults.OversizedRestBodyBytes = FaultSettings.Count(value, field.Name);
                return true;
            case "REDIRECTUPGRADETO":
                faults.RedirectUpgradeTo = value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => value.GetString(),
                    _ => throw new FormatException($"{field.Name} must be a URL or null"),
                };
                return true;
            case "REDIRECTRESTTO":
                faults.RedirectRestTo = Url(value, field.Name);
                return true;
            case "ENTRYPOINTSBASE":
                faults.EntryPointsBase = Url(value, field.Name);
                return true;
            case "REDIRECTUPGRADESTATUS":
                faults.RedirectUpgradeStatus = value.ValueKind == JsonValueKind.Null ? 307 : FaultSettings.Count(value, field.Name);
                return true;
            case "FREEZEAFTERMESSAGES":
                faults.FreezeAfterMessages = FaultSettings.Count(value, field.Name);
                return true;
            case "ENDFRAME":
                faults.EndFrame = Mode<BogusEndFrame>(value, field.Name);
                return true;
            case "INVALIDUTF8FRAMES":
                faults.InvalidUtf8Frames = FaultSettings.Count(value, field.Name);
                return true;
            case "WRONGTYPERECORDS":
                faults.WrongTypeRecords = FaultSettings.Flag(value, field.Name);
                return true;
            default:
                return false;
        }
    }

    private static string? Url(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw new FormatException($"{name} must be a URL or null"),
    };

    private static T Mode<T>(JsonElement value, string name)
        where T : struct, Enum =>
        value.ValueKind == JsonValueKind.Null ? default
        : value.ValueKind == JsonValueKind.String && ModeNames.TryParse<T>(value.GetString(), out var mode) ? mode
        : throw new FormatException($"{name} must be one of {ModeNames.List<T>()}, or null");
}
