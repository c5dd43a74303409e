/* stub.c — placeholder until the archive lands (delete when implementing). */
#include "archive.h"
int archive_stub_(void);
int archive_stub_(void) { return 0; }
