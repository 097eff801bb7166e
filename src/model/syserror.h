/*
 * syserror.h: what an operating-system error number means, in the Chinese every other
 * message of the program is in.  The one place errno becomes words: messages about
 * files, folders and the disk read the same wherever they are reported.
 */
#ifndef BULLETIN_SYSERROR_H
#define BULLETIN_SYSERROR_H

/* A short Chinese phrase for the error number (never NULL, never to be freed).  Numbers
 * without a phrase of their own read as 系统错误 with the number and the C library's
 * text, so that nothing is hidden. */
const char *system_error_text(int error);

#endif
