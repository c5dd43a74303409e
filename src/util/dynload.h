/* dynload.h — a shared library opened when a command first needs it.
 *
 * libpq, poppler-glib and libmicrohttpd bring some sixty libraries of their
 * own (Kerberos, LDAP, GnuTLS, NSS, GLib, cairo); linked into folio, the
 * dynamic loader would map and relocate all of them before every command,
 * a build included, for the few commands that use them. The modules that
 * need one (the PostgreSQL catalogue, back-issue PDFs, the web service)
 * open it through here instead, into a table of typed function pointers,
 * so a machine without the library still builds editions and says what to
 * install for the command that needs it.
 *
 * A table is declared from one list LIST(X) of the functions used:
 *   typedef struct { void *lib; LIST(FOLIO_DYN_MEMBER) } pq_fns;
 * each member a pointer of the function's own type (from the library's
 * header), so every call through the table is type-checked. */
#ifndef FOLIO_UTIL_DYNLOAD_H
#define FOLIO_UTIL_DYNLOAD_H

#include "diag.h"

#include <stddef.h>

#define FOLIO_DYN_MEMBER(fn) __typeof__(fn) *fn;
#define FOLIO_DYN_NAME(fn) #fn,
/* The address of the member fn of the table pointed to by dyn_table. */
#define FOLIO_DYN_SLOT(fn) (void *)&dyn_table->fn,

/* Opens the library soname and resolves names[0..n) into slots[0..n) (each
 * the address of a table member, FOLIO_DYN_SLOT). Returns the library's
 * handle, for folio_dynclose, or NULL with a diagnostic naming what needs
 * the library (what), the library and the Debian package to install (pkg);
 * the table is then not to be used. */
void *folio_dynopen(const char *soname, const char *what, const char *pkg, const char *const *names,
                    void *const *slots, size_t n, folio_diags *d);

/* Releases a handle from folio_dynopen (NULL allowed). */
void folio_dynclose(void *handle);

#endif
