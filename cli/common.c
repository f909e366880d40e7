/* SPDX-License-Identifier: MIT */
/* common.c - reading inputs, JSON texts, Base64 and writing outputs for the subcommands. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "cli.h"
#include "common.h"
#include "ecskp/encode.h"
#include "help.h"
#include "input.h"
#include "report.h"

int cli_command_line(const char *cmd, int argc, char **argv, const cli_option *opts, size_t nopts,
                     size_t max_files, const char **file) {
    const char *pos[1] = {NULL};
    size_t npos = 0;
    int rc = cli_parse_args(argc, argv, opts, nopts, pos, max_files, &npos);
    if (rc != CLI_ARGS_OK)
        return help_finish(cmd, rc);
    *file = npos > 0 ? pos[0] : NULL;
    return CLI_GO_ON;
}

int cli_text_command(const char *cmd, const char *file, size_t max, cli_text_op op, void *ctx) {
    char *text;
    size_t len;
    int too_large;
    int rc = cli_load_input(cmd, file, max, &text, &len, &too_large);
    if (rc != 0)
        return rc;
    rc = op(text, len, too_large, ctx);
    free(text);
    return rc;
}

int cli_print_result(ecskp_status status, const ecskp_diag *diag, char *out,
                     void (*release)(char *)) {
    if (status != ECSKP_OK)
        return cli_refuse(status, diag);
    int rc = cli_emit(out);
    release(out);
    return rc;
}

int cli_load_input(const char *cmd, const char *path, size_t max, char **buf, size_t *len,
                   int *too_large) {
    if (cli_read_input(path, max, buf, len, too_large) != 0) {
        cli_usage(cmd, "cannot read %s: %s", cli_input_name(path), strerror(errno));
        return CLI_EXIT_USAGE;
    }
    return 0;
}

typedef struct request_load {
    const char *path;
    cJSON **request;
} request_load;

static int request_text(const char *text, size_t len, int too_large, void *ctx) {
    const request_load *r = ctx;
    if (too_large)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "the request in %s is larger than 1 MiB; a request has at most "
                              "128 parameters",
                              cli_input_name(r->path));
    /* Checked here, so the offset is the file's: ecskp/json.h would refuse the document the
     * request is printed into, at an offset of that document. */
    ecskp_diag d;
    ecskp_status st = ecskp_utf8_check(text, len, &d);
    if (st == ECSKP_OK)
        st = cli_json_parse(text, len, r->request, &d);
    if (st != ECSKP_OK)
        return cli_refuse(st, &d);
    return 0;
}

int cli_load_request(const char *cmd, const char *path, cJSON **request) {
    *request = NULL;
    request_load r = {path, request};
    return cli_text_command(cmd, path, CLI_MAX_REQUEST_BYTES, request_text, &r);
}

/* Offset of the first `\u0000` escape inside a string, or len. */
static size_t escaped_nul(const char *s, size_t len) {
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        if (!in_string) {
            in_string = s[i] == '"';
            continue;
        }
        if (s[i] == '"') {
            in_string = 0;
        } else if (s[i] == '\\' && i + 1 < len) {
            if (s[i + 1] == 'u' && i + 5 < len && memcmp(s + i + 2, "0000", 4) == 0)
                return i;
            i++; /* skip the escaped character, so `\\u0000` is not an escape */
        }
    }
    return len;
}

ecskp_status cli_json_parse(const char *text, size_t len, cJSON **out, ecskp_diag *diag) {
    *out = NULL;
    size_t nul = escaped_nul(text, len);
    if (nul < len)
        return cli_fail(diag, ECSKP_ERR_INVALID_PARAMETER_VALUE, NULL, nul,
                        "the request holds a \\u0000 escape; no parameter name or value may "
                        "contain a NUL character");
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (root == NULL) {
        size_t at = end != NULL && end >= text && end <= text + len ? (size_t)(end - text) : 0;
        return cli_fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, at,
                        "the request is not valid JSON (error near byte %zu); give one JSON "
                        "object of parameter name to string value",
                        at);
    }
    size_t at = (size_t)(end - text);
    while (at < len &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
        at++;
    if (at < len) {
        cJSON_Delete(root);
        return cli_fail(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, at,
                        "the request has bytes after the JSON object, at byte %zu", at);
    }
    *out = root;
    ecskp_diag_clear(diag);
    return ECSKP_OK;
}

const char *cli_json_string(const cJSON *obj, const char *name) {
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, name));
}

/* Base64 goes through libcrypto in pieces whose sizes fit EVP's int lengths. */
#define B64_PIECE ((size_t)3 << 14) /* 49152 bytes, 65536 characters */

char *cli_b64_encode(const void *data, size_t len) {
    if (len > (SIZE_MAX - 1) / 4 * 3 - 3)
        return NULL;
    char *out = malloc((len + 2) / 3 * 4 + 1);
    if (out == NULL)
        return NULL;
    const unsigned char *in = data;
    size_t o = 0;
    for (size_t i = 0; i < len; i += B64_PIECE) {
        size_t n = len - i < B64_PIECE ? len - i : B64_PIECE;
        o += (size_t)EVP_EncodeBlock((unsigned char *)out + o, in + i, (int)n);
    }
    out[o] = '\0';
    return out;
}

/* The 6-bit value of a Base64 character, or -1. */
static int b64_value(char c) {
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c != '\0' ? strchr(alphabet, c) : NULL;
    return p != NULL ? (int)(p - alphabet) : -1;
}

/* The number of `=` at the end of canonical Base64 text, or -1 for any other text. */
static int b64_padding(const char *text, size_t len) {
    if (len % 4 != 0)
        return -1;
    int pad = len > 0 && text[len - 1] == '=' ? (text[len - 2] == '=' ? 2 : 1) : 0;
    for (size_t i = 0; i < len - (size_t)pad; i++)
        if (b64_value(text[i]) < 0)
            return -1;
    /* The bits the padding drops must be zero, so each byte string has one text. */
    if (pad > 0 && (b64_value(text[len - 1 - (size_t)pad]) & (pad == 2 ? 0x0f : 0x03)) != 0)
        return -1;
    return pad;
}

int cli_b64_decode(const char *text, size_t len, unsigned char **out, size_t *out_len) {
    *out = NULL;
    *out_len = 0;
    int pad = b64_padding(text, len);
    if (pad < 0)
        return -1;
    unsigned char *buf = malloc(len / 4 * 3 + 1);
    if (buf == NULL)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < len; i += B64_PIECE / 3 * 4) {
        size_t n = len - i < B64_PIECE / 3 * 4 ? len - i : B64_PIECE / 3 * 4;
        int got = EVP_DecodeBlock(buf + o, (const unsigned char *)text + i, (int)n);
        if (got < 0) {
            free(buf);
            return -1;
        }
        o += (size_t)got;
    }
    o -= (size_t)pad; /* EVP_DecodeBlock counts each `=` as a zero byte */
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    return 0;
}

int cli_emit(const char *text) {
    if (fputs(text, stdout) < 0 || fputc('\n', stdout) < 0 || fflush(stdout) != 0)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT, "cannot write the output: %s",
                              strerror(errno));
    return CLI_EXIT_ACCEPTED;
}
