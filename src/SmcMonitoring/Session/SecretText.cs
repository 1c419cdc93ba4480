using System;
using System.Runtime.InteropServices;
using System.Security;

namespace SmcMonitoring.Session;

/// <summary>Reads a <see cref="SecureString"/> only at the moment a request body needs it.</summary>
internal static class SecretText
{
    public static string Reveal(SecureString secret)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            if (pointer != IntPtr.Zero) { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
        }
    }
}
