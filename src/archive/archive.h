/* archive.h — the archive of past editions: BagIt bags plus a SQLite catalogue.
 * (API to be designed with the archive module.) */
#ifndef FOLIO_ARCHIVE_H
#define FOLIO_ARCHIVE_H
#endif
