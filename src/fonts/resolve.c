/* resolve.c — finds a family's file and face index through fontconfig, strictly. */
#include "fonts_private.h"

#include <stdlib.h>
#include <string.h>

/* Whether any family name of the match (fontconfig lists one per language)
 * is the family asked for: FcFontMatch always answers, with a substitute
 * when the family is missing, and a substitute must not pass for it. */
static const char *pattern_family(FcPattern *p, const char *family) {
    FcChar8 *name;
    for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (FcStrCmpIgnoreCase(name, (const FcChar8 *)family) == 0) return (const char *)name;
    return NULL;
}

int fonts_fc_find(FcConfig *fc, const char *family, char **file, int *index, char **name) {
    FcPattern *pat = FcPatternCreate();
    if (!pat) return -1;
    /* The regular upright face: a family such as LXGW WenKai also ships Light
     * and Bold files under the same family name. */
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
    FcConfigSubstitute(fc, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(fc, pat, &res);
    FcPatternDestroy(pat);
    if (!m) return -1;
    int rc = -1;
    FcChar8 *path;
    int idx = 0;
    const char *canon = pattern_family(m, family);
    if (canon && FcPatternGetString(m, FC_FILE, 0, &path) == FcResultMatch) {
        if (FcPatternGetInteger(m, FC_INDEX, 0, &idx) != FcResultMatch) idx = 0;
        *file = strdup((const char *)path);
        *name = strdup(canon);
        if (*file && *name) {
            *index = idx;
            rc = 0;
        } else {
            free(*file);
            free(*name);
        }
    }
    FcPatternDestroy(m);
    return rc;
}
