/* dynload.c — opening a library on first use (see dynload.h). */
#include "dynload.h"

#include <dlfcn.h>
#include <string.h>

void *folio_dynopen(const char *soname, const char *what, const char *pkg, const char *const *names,
                    void *const *slots, size_t n, folio_diags *d) {
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        diag_error(d, NULL, 0, "%s needs %s (Debian package %s): %s", what, soname, pkg,
                   why ? why : "not found");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        void *sym = dlsym(h, names[i]);
        if (!sym) {
            diag_error(d, NULL, 0, "%s needs %s from %s (Debian package %s), which lacks it", what,
                       names[i], soname, pkg);
            dlclose(h);
            return NULL;
        }
        /* POSIX lets dlsym's data pointer hold a function's address; the
         * copy puts it into the typed member without a cast C forbids. */
        memcpy(slots[i], &sym, sizeof sym);
    }
    return h;
}

void folio_dynclose(void *handle) {
    if (handle) dlclose(handle);
}
