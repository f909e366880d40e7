/* SPDX-License-Identifier: MIT */
/* json_write.c - the one JSON string writer: every string ecskp emits as JSON (the normalized
 * response, AccessDeniedDetail, the answers of ecskp/json.h) is escaped here, one way. */
#include <string.h>

#include "internal.h"

void ecskp__put_json_string(ecskp_writer *w, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    ecskp__putc(w, '"');
    size_t run = 0; /* start of the pending run of bytes copied as they are */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        ecskp__put(w, s + run, i - run);
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            ecskp__put(w, esc, 2);
        } else {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            ecskp__put(w, esc, 6);
        }
        run = i + 1;
    }
    ecskp__put(w, s + run, n - run);
    ecskp__putc(w, '"');
}
