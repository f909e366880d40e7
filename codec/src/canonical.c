/* SPDX-License-Identifier: MIT */
/* canonical.c - the one parameter check and sort, and the canonical query of any RPC
 * parameter list. */
#include <stdint.h>
#include <string.h>

#include "ecskp/encode.h"
#include "internal.h"

static int name_char_ok(unsigned char c) {
    return ecskp__ctype[c] & ECSKP__C_NAME;
}

static ecskp_status check_param(const ecskp_param *p, ecskp_diag *diag) {
    if (p->name == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, "a parameter name is NULL");
    if (p->name[0] == '\0')
        return ecskp__fail(diag, ECSKP_ERR_INVALID_PARAMETER_NAME, NULL, 0, ECSKP_NO_INDEX,
                           "parameter name is empty");
    for (size_t i = 0; p->name[i] != '\0'; i++) {
        if (!name_char_ok((unsigned char)p->name[i]))
            return ecskp__fail(diag, ECSKP_ERR_INVALID_PARAMETER_NAME, p->name, i, ECSKP_NO_INDEX,
                               "parameter name has byte 0x%02X at offset %zu; names are "
                               "[A-Za-z0-9.]",
                               (unsigned)(unsigned char)p->name[i], i);
    }
    if (p->value == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, p->name,
                             "value of %s is NULL (use \"\" for empty)", p->name);
    size_t bad = ecskp__utf8_bad(p->value, strlen(p->value));
    if (bad != SIZE_MAX)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_UTF8, p->name, bad, ECSKP_NO_INDEX,
                           "value of %s is not valid UTF-8 at byte offset %zu", p->name, bad);
    return ECSKP_OK;
}

static int is_signature(const char *name) {
    return strcmp(name, "Signature") == 0;
}

ecskp_status ecskp__canonical_check(const ecskp_param *params, size_t count, size_t checked,
                                    unsigned short order[ECSKP_MAX_PARAMS], size_t *n_out,
                                    ecskp_diag *diag) {
    *n_out = 0;
    if (params == NULL && count > 0)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, NULL, "params or buf is NULL");
    if (count > ECSKP_MAX_PARAMS)
        return ecskp__fail(diag, ECSKP_ERR_TOO_MANY_PARAMETERS, NULL, ECSKP_NO_OFFSET, count,
                           "%zu parameters; at most %d", count, ECSKP_MAX_PARAMS);

    /* Validate, then insertion-sort indices by raw name; equal names are duplicates. */
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        if (i >= checked)
            ECSKP_GUARD(check_param(&params[i], diag));
        size_t j = n;
        while (j > 0) {
            int c = strcmp(params[order[j - 1]].name, params[i].name);
            if (c == 0)
                return ecskp__fail(diag, ECSKP_ERR_DUPLICATE_PARAMETER, params[i].name,
                                   ECSKP_NO_OFFSET, i, "parameter %s occurs twice", params[i].name);
            if (c < 0)
                break;
            j--;
        }
        memmove(&order[j + 1], &order[j], (n - j) * sizeof order[0]);
        order[j] = (unsigned short)i;
        n++;
    }
    /* `Signature` is never part of the canonical query. */
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (!is_signature(params[order[k]].name))
            order[kept++] = order[k];
    *n_out = kept;
    return ECSKP_OK;
}

void ecskp__put_canonical(ecskp_writer *w, const ecskp_param *params, const unsigned short *order,
                          size_t n) {
    for (size_t k = 0; k < n; k++) {
        const ecskp_param *p = &params[order[k]];
        size_t name_len = strlen(p->name);
        char *d = ecskp__writer_room(w, name_len + 2);
        if (d != NULL) {
            if (k > 0)
                *d++ = '&';
            memcpy(d, p->name, name_len); /* names are unreserved bytes only */
            d += name_len;
            *d++ = '=';
            ecskp__writer_advance(w, d);
        } else {
            if (k > 0)
                ecskp__putc(w, '&');
            ecskp__put(w, p->name, name_len);
            ecskp__putc(w, '=');
        }
        ecskp__put_pct(w, p->value, strlen(p->value), 0);
    }
}

ecskp_status ecskp_query_build(const ecskp_param *params, size_t count, char *buf, size_t cap,
                               size_t *needed, ecskp_diag *diag) {
    ecskp_writer w;
    ECSKP_GUARD(ecskp__writer_open(&w, buf, cap, needed, params != NULL || count == 0, NULL,
                                   "params is NULL with a count", diag));
    unsigned short order[ECSKP_MAX_PARAMS];
    size_t n = 0;
    ECSKP_GUARD(ecskp__canonical_check(params, count, 0, order, &n, diag));
    ecskp__put_canonical(&w, params, order, n);
    return ecskp__writer_report(&w, needed, diag, "the canonical query");
}

const char *ecskp__param_value(const ecskp_param *params, size_t count, const char *name) {
    for (size_t i = 0; i < count; i++)
        if (params[i].name != NULL && strcmp(params[i].name, name) == 0)
            return params[i].value;
    return NULL;
}
