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

const char *ecskp_status_name(ecskp_status status) {
    if ((unsigned)status >= (unsigned)ECSKP_STATUS_COUNT_)
        return "unknown_status";
    return status_names[status];
}

const char *ecskp_status_meaning(ecskp_status status) {
    if ((unsigned)status >= (unsigned)ECSKP_STATUS_COUNT_)
        return "unknown status";
    return status_meanings[status];
}

ecskp_status ecskp_status_parse(const char *name, ecskp_status *out, ecskp_diag *diag) {
    for (size_t i = 0; name != NULL && out != NULL && i < (size_t)ECSKP_STATUS_COUNT_; i++) {
        if (strcmp(status_names[i], name) == 0) {
            *out = (ecskp_status)i;
            return ecskp__ok(diag);
        }
    }
    if (out == NULL)
        return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "out", ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                           "out is NULL");
    return ecskp__fail(diag, ECSKP_ERR_INVALID_ARGUMENT, "name", ECSKP_NO_OFFSET, ECSKP_NO_INDEX,
                       "\"%.40s\" is not a status name", name != NULL ? name : "(null)");
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

ecskp_status ecskp__ok(ecskp_diag *diag) {
    ecskp_diag_clear(diag);
    return ECSKP_OK;
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

ecskp_status ecskp__fail(ecskp_diag *diag, ecskp_status status, const char *field, size_t offset,
                         size_t index, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ecskp_status rc =
        vfail(diag, status, field, field != NULL ? strlen(field) : 0, offset, index, fmt, ap);
    va_end(ap);
    return rc;
}

ecskp_status ecskp__failn(ecskp_diag *diag, ecskp_status status, const char *field,
                          size_t field_len, size_t offset, size_t index, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ecskp_status rc = vfail(diag, status, field, field_len, offset, index, fmt, ap);
    va_end(ap);
    return rc;
}
