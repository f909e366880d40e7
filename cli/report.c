/* SPDX-License-Identifier: MIT */
/* report.c - refusal and usage lines on standard error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

void cli_sanitize(const char *s, size_t n, char *out, size_t cap) {
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    if (cap == 0)
        return;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t need = (c >= 0x20 && c < 0x7f) ? 1 : 4;
        /* Keep room for "..." and the NUL. */
        if (o + need + 4 > cap) {
            if (o + 4 <= cap) {
                memcpy(out + o, "...", 3);
                o += 3;
            }
            break;
        }
        if (need == 1) {
            out[o++] = (char)c;
        } else {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
}

const char *cli_hint(ecskp_status status) {
    switch (status) {
    case ECSKP_OK:
        return "nothing to do";
    case ECSKP_ERR_INVALID_ARGUMENT:
        return "check the input and options against the --help of this command";
    case ECSKP_ERR_BUFFER_TOO_SMALL:
        return "this is a bug in ecskp; please report it with the input";
    case ECSKP_ERR_OUT_OF_MEMORY:
        return "free some memory or give a smaller input";
    case ECSKP_ERR_UNSUPPORTED:
        return "this ecskp was built without libcrypto; rebuild with -Dsigning=enabled";
    case ECSKP_ERR_INVALID_PARAMETER_NAME:
        return "parameter names are one or more of A-Z a-z 0-9 and '.'";
    case ECSKP_ERR_DUPLICATE_PARAMETER:
        return "give each parameter once";
    case ECSKP_ERR_INVALID_UTF8:
        return "encode the text as UTF-8";
    case ECSKP_ERR_TOO_MANY_PARAMETERS:
        return "send at most 128 parameters";
    case ECSKP_ERR_MISSING_PARAMETER:
        return "add the parameter to the request (a non-empty string)";
    case ECSKP_ERR_MISSPELLED_PARAMETER:
        return "rename the parameter as the message says";
    case ECSKP_ERR_INVALID_ACTION:
        return "set Action to AttachKeyPair or DetachKeyPair, in the request's Action field";
    case ECSKP_ERR_INVALID_PARAMETER_VALUE:
        return "give a value from the parameter's documented domain";
    case ECSKP_ERR_INVALID_TIMESTAMP:
        return "write UTC yyyy-MM-ddTHH:mm:ssZ (e.g. 2016-02-23T12:46:24Z), or leave it out "
               "to sign with the current time";
    case ECSKP_ERR_IDS_MALFORMED:
    case ECSKP_ERR_IDS_NOT_ARRAY:
    case ECSKP_ERR_IDS_EMPTY:
    case ECSKP_ERR_IDS_TOO_MANY:
    case ECSKP_ERR_IDS_INVALID_ELEMENT:
    case ECSKP_ERR_IDS_DUPLICATE:
        return "InstanceIds is a JSON array of 1 to 50 distinct instance IDs, e.g. "
               "[\"i-bp1a\",\"i-bp1b\"]";
    case ECSKP_ERR_MISSING_SECRET:
        return "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, name a "
               "profile (--profile NAME), or pass --secret-file FILE";
    case ECSKP_ERR_CRYPTO_FAILURE:
        return "retry; if it persists, check the OpenSSL installation";
    case ECSKP_ERR_RANDOM_FAILURE:
        return "retry, or give SignatureNonce (--nonce with --v3) yourself";
    case ECSKP_ERR_UNSUPPORTED_FORMAT:
        return "pass --format json or --format xml, as the request's Format said";
    case ECSKP_ERR_EMPTY_BODY:
        return "the reply had no body: act on its HTTP status alone";
    case ECSKP_ERR_BODY_TOO_LARGE:
    case ECSKP_ERR_NESTING_TOO_DEEP:
    case ECSKP_ERR_TOO_MANY_RESULTS:
    case ECSKP_ERR_STRING_TOO_LONG:
    case ECSKP_ERR_TOO_MANY_NODES:
    case ECSKP_ERR_TOO_MANY_ATTRIBUTES:
    case ECSKP_ERR_TOO_MANY_NAMESPACES:
    case ECSKP_ERR_MARKUP_TOO_LONG:
        return "no real reply is this large; raise the limit option only if you trust the "
               "sender";
    case ECSKP_ERR_MALFORMED_BODY:
    case ECSKP_ERR_TRAILING_DATA:
        return "the body is cut off or not in the declared format; check --format";
    case ECSKP_ERR_WRONG_ROOT:
        return "check --action and --format against the request that got this reply";
    case ECSKP_ERR_NUL_CHARACTER:
    case ECSKP_ERR_UNSUPPORTED_ENCODING:
    case ECSKP_ERR_DTD_REFUSED:
        return "the API never sends this; do not trust the body";
    case ECSKP_ERR_WRONG_TYPE:
    case ECSKP_ERR_DUPLICATE_FIELD:
    case ECSKP_ERR_NUMBER_OUT_OF_RANGE:
    case ECSKP_ERR_MISSING_FIELD:
    case ECSKP_ERR_INCONSISTENT_RESPONSE:
        return "the body does not have the documented shape; do not act on it";
    case ECSKP_ERR_STATUS_BODY_MISMATCH:
        return "HTTP said failure: treat the call as failed and check --http-status";
    case ECSKP_ERR_VALUE_TOO_LONG:
        return "shorten the value: typed values are at most 256 bytes, a SecurityToken 8 KiB";
    case ECSKP_STATUS_COUNT_:
        break;
    }
    return "see ecskp(1)";
}

void cli_detail(ecskp_status status, const ecskp_diag *diag, char *out, size_t cap) {
    char raw[ECSKP_DIAG_FIELD_SIZE + ECSKP_DIAG_MESSAGE_SIZE + 256];
    const char *msg =
        diag != NULL && diag->message[0] != '\0' ? diag->message : ecskp_status_meaning(status);
    /* The hint follows after "; ", so the message's own closing period goes. */
    int mlen = (int)strnlen(msg, ECSKP_DIAG_MESSAGE_SIZE);
    if (mlen > 0 && msg[mlen - 1] == '.')
        mlen--;
    int n;
    /* The field leads when the message does not already name it, so the line says where. */
    if (diag != NULL && diag->field[0] != '\0' && strstr(msg, diag->field) == NULL)
        n = snprintf(raw, sizeof raw, "%s: %.*s; %s", diag->field, mlen, msg, cli_hint(status));
    else
        n = snprintf(raw, sizeof raw, "%.*s; %s", mlen, msg, cli_hint(status));
    size_t len = n < 0 ? 0 : (size_t)n >= sizeof raw ? sizeof raw - 1 : (size_t)n;
    cli_sanitize(raw, len, out, cap);
}

int cli_refuse(ecskp_status status, const ecskp_diag *diag) {
    char detail[1024];
    cli_detail(status, diag, detail, sizeof detail);
    (void)fprintf(stderr, "ecskp: %s: %s\n", ecskp_status_name(status), detail);
    return CLI_EXIT_REFUSED;
}

ecskp_status cli_fail(ecskp_diag *diag, ecskp_status status, const char *field, size_t offset,
                      const char *fmt, ...) {
    if (diag == NULL)
        return status;
    ecskp_diag_clear(diag);
    diag->status = status;
    diag->name = ecskp_status_name(status);
    (void)snprintf(diag->field, sizeof diag->field, "%s", field != NULL ? field : "");
    diag->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(diag->message, sizeof diag->message, fmt, ap);
    va_end(ap);
    return status;
}

static void vline(const char *prefix, const char *fmt, va_list ap) CLI_PRINTF(2, 0);

static void vline(const char *prefix, const char *fmt, va_list ap) {
    char raw[1024], clean[1024];
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    size_t len = n < 0 ? 0 : (size_t)n >= sizeof raw ? sizeof raw - 1 : (size_t)n;
    cli_sanitize(raw, len, clean, sizeof clean);
    (void)fprintf(stderr, "%s%s\n", prefix, clean);
}

int cli_refuse_msg(ecskp_status status, const char *fmt, ...) {
    char prefix[96];
    (void)snprintf(prefix, sizeof prefix, "ecskp: %s: ", ecskp_status_name(status));
    va_list ap;
    va_start(ap, fmt);
    vline(prefix, fmt, ap);
    va_end(ap);
    return CLI_EXIT_REFUSED;
}

void cli_usage(const char *cmd, const char *fmt, ...) {
    char raw[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n >= sizeof raw ? sizeof raw - 1 : (size_t)n;
    char clean[1024];
    cli_sanitize(raw, len, clean, sizeof clean);
    if (strcmp(cmd, "ecskp") == 0)
        (void)fprintf(stderr, "ecskp: usage: %s; run 'ecskp --help'\n", clean);
    else
        (void)fprintf(stderr, "ecskp: usage: %s: %s; run 'ecskp %s --help'\n", cmd, clean, cmd);
}
