/* Test scaffolding for running qorgau.exe under Debian's wine 8, never
 * shipped. Rust's standard library on Windows takes its random bytes from
 * ProcessPrng in bcryptprimitives.dll, which wine 8 does not provide. This
 * DLL, placed next to the .exe, provides it from SystemFunction036
 * (RtlGenRandom) in advapi32, which wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
