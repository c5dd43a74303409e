/* ident.c — the package's stable identifier and its fixed build time. */
#include "epub_private.h"

#include <openssl/evp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 4122 name-based UUID (version 5, SHA-1) of name in namespace ns. */
static int uuid5(const unsigned char ns[16], const char *name, char out[37]) {
    size_t n = strlen(name);
    unsigned char *msg = malloc(16 + n);
    if (!msg) return -1;
    memcpy(msg, ns, 16);
    memcpy(msg + 16, name, n);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    int ok = EVP_Digest(msg, 16 + n, md, &mdlen, EVP_sha1(), NULL);
    free(msg);
    if (!ok || mdlen < 16) return -1;
    md[6] = (unsigned char)((md[6] & 0x0F) | 0x50);
    md[8] = (unsigned char)((md[8] & 0x3F) | 0x80);
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
        p += sprintf(p, "%02x", md[i]);
    }
    return 0;
}

int epub_ident_init(epub_ctx *c) {
    const folio_edition *e = c->e;
    long long t = -1;
    if (date_source_epoch(&t, NULL) != 1) t = date_epoch(&e->ymd);
    if (t < 0) t = 946684800; /* 2000-01-01: the reader rejects editions without a date */
    if (t > DATE_MAX_EPOCH)   /* keep a four-digit year */
        t = DATE_MAX_EPOCH;
    c->stamp = (time_t)t;
    struct tm tm;
    gmtime_r(&c->stamp, &tm);
    strftime(c->modified, sizeof c->modified, "%Y-%m-%dT%H:%M:%SZ", &tm);

    if (e->identifier && *e->identifier) {
        if (strlen(e->identifier) >= sizeof c->uid)
            return diag_error(c->d, "edition.yaml", 0, "identifier is too long (%zu bytes)",
                              strlen(e->identifier));
        strcpy(c->uid, e->identifier);
        return 0;
    }
    /* No identifier: a UUID named after journal and issue, so that every
     * rebuild of the issue keeps it (RFC 4122 URL namespace). */
    static const unsigned char ns_url[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                             0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    size_t n = strlen(e->journal ? e->journal : "") + strlen(e->issue ? e->issue : "") + 32;
    char *name = malloc(n);
    if (!name) return diag_error(c->d, NULL, 0, "out of memory");
    snprintf(name, n, "urn:folio:edition:%s:%s", e->journal ? e->journal : "",
             e->issue ? e->issue : "");
    char u[37];
    int r = uuid5(ns_url, name, u);
    free(name);
    if (r) return diag_error(c->d, NULL, 0, "cannot compute the edition's UUID (SHA-1 failed)");
    snprintf(c->uid, sizeof c->uid, "urn:uuid:%s", u);
    return 0;
}

void epub_dos_time(const epub_ctx *c, uint16_t *dtime, uint16_t *ddate) {
    /* DOS times run from 1980 to 2107 with 2-second steps. */
    long long t = (long long)c->stamp;
    if (t < 315532800LL) t = 315532800LL;
    if (t > 4354819198LL) t = 4354819198LL;
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    /* libzip turns DOS fields into time_t with mktime and back with
     * localtime; a wall time that does not exist locally (a DST gap) would
     * come back shifted, so such a time is moved to noon of the same day. */
    struct tm probe = tm, back;
    probe.tm_isdst = -1;
    time_t lt = mktime(&probe);
    if (lt == (time_t)-1 || !localtime_r(&lt, &back) || back.tm_hour != tm.tm_hour ||
        back.tm_min != tm.tm_min || back.tm_mday != tm.tm_mday) {
        tm.tm_hour = 12;
        tm.tm_min = 0;
        tm.tm_sec = 0;
    }
    *dtime = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    *ddate = (uint16_t)(((tm.tm_year + 1900 - 1980) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}
