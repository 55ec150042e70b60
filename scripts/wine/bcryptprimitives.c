/* Stand-in for Windows' bcryptprimitives.dll, which Debian's Wine 8.0 lacks and
 * Rust's standard library imports (ProcessPrng, Windows 10 and later) to seed its
 * hash maps. Only the Wine test prefix gets it (scripts/wine-prefix.sh): real Windows
 * ships the DLL, and dist/ never contains this file.
 * ProcessPrng fills the buffer from the system generator, as the real one does. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
