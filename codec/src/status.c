/* SPDX-License-Identifier: MIT */
/* status.c - status names, diagnostics. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const status_names[] = {
#define ECSKP_X_NAME(suffix, name, meaning) name,
    ECSKP_STATUS_LIST(ECSKP_X_NAME)
#undef ECSKP_X_NAME
};

static const char *const status_meanings[] = {
#define ECSKP_X_MEANING(suffix, name, meaning) meaning,
    ECSKP_STATUS_LIST(ECSKP_X_MEANING)
#undef ECSKP_X_MEANING
};

const char *ecskp__enum_name(const char *const *names, size_t count, int value) {
    return value >= 0 && (size_t)value < count ? names[value] : NULL;
}

int ecskp__enum_value(const char *const *names, size_t count, size_t first, const char *name) {
    for (size_t i = first; name != NULL && i < count; i++)
        if (names[i] != NULL && strcmp(names[i], name) == 0)
            return (int)i;
    return -1;
}

ecskp_status ecskp__parse_failed(ecskp_diag *diag, const void *out, ecskp_status status,
                                 const char *field, const char *name, const char *expected) {
    if (out == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "out", "out is NULL");
    return ecskp__refuse(diag, status, field, "\"%.40s\" is not %s", name != NULL ? name : "(null)",
                         expected);
}

const char *ecskp_status_name(ecskp_status status) {
    const char *n = ecskp__enum_name(status_names, ECSKP_STATUS_COUNT_, (int)status);
    return n != NULL ? n : "unknown_status";
}

const char *ecskp_status_meaning(ecskp_status status) {
    const char *m = ecskp__enum_name(status_meanings, ECSKP_STATUS_COUNT_, (int)status);
    return m != NULL ? m : "unknown status";
}

ecskp_status ecskp_status_parse(const char *name, ecskp_status *out, ecskp_diag *diag) {
    int v = ecskp__enum_value(status_names, ECSKP_STATUS_COUNT_, 0, name);
    if (out == NULL || v < 0)
        return ecskp__parse_failed(diag, out, ECSKP_ERR_INVALID_ARGUMENT, "name", name,
                                   "a status name");
    *out = (ecskp_status)v;
    return ecskp__ok(diag);
}

void ecskp_diag_clear(ecskp_diag *diag) {
    if (diag == NULL)
        return;
    diag->status = ECSKP_OK;
    diag->name = status_names[ECSKP_OK];
    diag->field[0] = '\0';
    diag->offset = ECSKP_NO_OFFSET;
    diag->index = ECSKP_NO_INDEX;
    diag->message[0] = '\0';
}

ECSKP_PRINTF(7, 0)
static ecskp_status vfail(ecskp_diag *diag, ecskp_status status, const char *field,
                          size_t field_len, size_t offset, size_t index, const char *fmt,
                          va_list ap) {
    if (diag == NULL)
        return status;
    ecskp_diag_clear(diag);
    diag->status = status;
    diag->name = ecskp_status_name(status);
    if (field != NULL) {
        size_t n = field_len < sizeof diag->field - 1 ? field_len : sizeof diag->field - 1;
        memcpy(diag->field, field, n);
        diag->field[n] = '\0';
    }
    diag->offset = offset;
    diag->index = index;
    if (fmt != NULL)
        (void)vsnprintf(diag->message, sizeof diag->message, fmt, ap);
    else
        (void)snprintf(diag->message, sizeof diag->message, "%s", ecskp_status_meaning(status));
    return status;
}

void ecskp__fail_v(ecskp_diag *diag, ecskp_status status, const char *field, size_t offset,
                   size_t index, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    (void)vfail(diag, status, field, field != NULL ? strlen(field) : 0, offset, index, fmt, ap);
    va_end(ap);
}

void ecskp__refuse_v(ecskp_diag *diag, ecskp_status status, const char *field, const char *fmt,
                     ...) {
    va_list ap;
    va_start(ap, fmt);
    (void)vfail(diag, status, field, field != NULL ? strlen(field) : 0, ECSKP_NO_OFFSET,
                ECSKP_NO_INDEX, fmt, ap);
    va_end(ap);
}

void ecskp__failn_v(ecskp_diag *diag, ecskp_status status, const char *field, size_t field_len,
                    size_t offset, size_t index, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    (void)vfail(diag, status, field, field_len, offset, index, fmt, ap);
    va_end(ap);
}
