/* A stand-in for Windows 10's bcryptprimitives.dll, for running parscore.exe under Wine 8
 * in the tests only (Wine 8 does not ship it; every Windows 10 and 11 PC has it). Rust's
 * standard library asks it for random bytes through ProcessPrng; this forwards to
 * advapi32's RtlGenRandom (SystemFunction036), which Wine has. Built by scripts/wine-setup.sh
 * with x86_64-w64-mingw32-gcc -shared; never shipped in the zip. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
