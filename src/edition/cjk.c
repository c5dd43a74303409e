/* cjk.c — which characters Chinese text sets without spaces around them. */
#include "reader.h"

int cjk_class(uint32_t cp) {
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x30FF) ||
        (cp >= 0x3100 && cp <= 0x312F) || (cp >= 0x31A0 && cp <= 0x31FF) ||
        (cp >= 0x3200 && cp <= 0x33FF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6))
        return 2;
    if ((cp >= 0x2010 && cp <= 0x2027) || cp == 0x00B7 || (cp >= 0x2460 && cp <= 0x24FF) ||
        (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0x2E3A || cp == 0x2E3B)
        return 1;
    return 0;
}
