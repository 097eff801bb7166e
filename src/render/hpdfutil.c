/*
 * hpdfutil.c: faster stand-ins for three of libharu 2.3.0's utility functions.  libharu
 * clears a 512-byte buffer with its own byte-at-a-time HPDF_MemSet before every operator
 * it writes (a colour, a move, a line: 2,000 instructions each) and copies every stream
 * with a byte loop; on the sample month these are 13 % of all instructions.  libharu
 * calls them through the PLT, so the definitions here, linked into the program (the
 * Makefile names HPDF_MemSet undefined so that this member is taken from the archive),
 * replace its own for every call.  Each does exactly what libharu's does, returns what it
 * returns, and so the PDF bytes do not change.
 */
#include <hpdf.h>
#include <hpdf_utils.h>
#include <string.h>

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "hpdfutil.c replaces libharu 2.3.0's utilities; check them against this version"
#endif

/* Fills n bytes of s with c; returns the end of the filled bytes. */
void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* Copies n bytes (never overlapping in libharu's calls); returns the end of the copy. */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    memcpy(out, in, n);
    return out + n;
}

/* The length of s, at most maxlen when maxlen is not negative; 0 for NULL. */
HPDF_UINT HPDF_StrLen(const char *s, HPDF_INT maxlen)
{
    if (!s)
        return 0;
    return (HPDF_UINT)(maxlen < 0 ? strlen(s) : strnlen(s, (size_t)maxlen));
}
