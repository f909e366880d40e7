/* SPDX-License-Identifier: MIT */
/* ops.c - the command's operations over ecskp/json.h and ecskp_ids_normalize(). */
#include <stdlib.h>
#include <string.h>

#include "ecskp/encode.h"
#include "ecskp/json.h"
#include "ops.h"
#include "report.h"
#include "secret.h"

static ecskp_status oom(ecskp_diag *diag) {
    return cli_fail(diag, ECSKP_ERR_OUT_OF_MEMORY, NULL, ECSKP_NO_OFFSET,
                    "out of memory; free memory or give a smaller input");
}

ecskp_status op_query(const cJSON *doc, char **out, ecskp_diag *diag) {
    *out = NULL;
    char *text = cJSON_PrintUnformatted(doc);
    if (text == NULL)
        return oom(diag);
    ecskp_status st = ecskp_json_query(text, strlen(text), out, diag);
    free(text);
    return st;
}

/* Writes `s` as a JSON string at `o` (room for 6 bytes per byte and the quotes); returns the
 * end. Bytes from 0x80 up are copied: the text is UTF-8. */
static char *put_json_string(char *o, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    *o++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        } else if (c < 0x20) {
            *o++ = '\\';
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        } else {
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    return o;
}

/* `{"secret":"...",` + the rest of `doc_text` after its `{`. */
static char *with_secret(const char *doc_text, const char *secret, size_t secret_len,
                         size_t *size) {
    size_t rest = strlen(doc_text + 1);
    if (secret_len > (((size_t)-1) - rest - 16) / 6)
        return NULL;
    *size = 12 + 6 * secret_len + rest + 2;
    char *text = malloc(*size);
    if (text == NULL)
        return NULL;
    memcpy(text, "{\"secret\":", 10);
    text[10] = '\0'; /* a string at every step; put_json_string writes over the NUL */
    char *o = put_json_string(text + 10, secret, secret_len);
    if (doc_text[1] != '}')
        *o++ = ',';
    memcpy(o, doc_text + 1, rest + 1);
    return text;
}

ecskp_status op_sign(const cJSON *doc, const char *secret, size_t secret_len, char **out,
                     ecskp_diag *diag) {
    *out = NULL;
    char *doc_text = cJSON_PrintUnformatted(doc);
    if (doc_text == NULL)
        return oom(diag);
    char *text = doc_text;
    size_t size = 0;
    if (secret != NULL) {
        text = with_secret(doc_text, secret, secret_len, &size);
        free(doc_text);
        if (text == NULL)
            return oom(diag);
    }
    ecskp_status st = ecskp_json_sign(text, strlen(text), out, diag);
    if (secret != NULL)
        cli_wipe(text, size);
    free(text);
    return st;
}

ecskp_status op_decode(const void *body, size_t len, const cJSON *options, char **out,
                       ecskp_diag *diag) {
    *out = NULL;
    char *text = cJSON_PrintUnformatted(options);
    if (text == NULL)
        return oom(diag);
    ecskp_status st = ecskp_json_decode(body, len, text, strlen(text), out, diag);
    free(text);
    return st;
}

ecskp_status op_ids(const char *text, size_t len, unsigned flags, char **out, ecskp_diag *diag) {
    *out = NULL;
    char *buf = malloc(ECSKP_IDS_JSON_SIZE);
    if (buf == NULL)
        return oom(diag);
    size_t needed = 0;
    ecskp_status st =
        ecskp_ids_normalize(text, len, flags, NULL, buf, ECSKP_IDS_JSON_SIZE, &needed, diag);
    if (st != ECSKP_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    return ECSKP_OK;
}
