/* Wine 8 (Debian 12) lacks ProcessPrng in bcryptprimitives.dll, which Rust's
 * standard library calls for its random seed. This shim, used only by the
 * Wine test run (never shipped; real Windows 10+ has the function), forwards
 * it to RtlGenRandom (advapi32!SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
