/* SPDX-License-Identifier: MIT */
/* timestamp.c - Timestamp / x-acs-date text from a time_t. */
#include <time.h>

#include "sign_internal.h"

static void put_digits(char *out, int v, int width) {
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* 9999-12-31T23:59:59Z, the last second the format's four year digits can hold. */
#define LAST_SECOND 253402300799ULL

/*
 * UTC calendar fields by arithmetic (H. Hinnant's civil_from_days, proleptic Gregorian), not
 * gmtime_r(): glibc's gmtime_r initialises the time zone on first use, which reads
 * /etc/localtime (or $TZ) and allocates, and the library promises neither I/O nor allocation.
 */
static ecskp_status out_of_range(ecskp_diag *diag) {
    return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "Timestamp",
                         "the time is outside 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z");
}

ecskp_status ecskp_timestamp_format(time_t t, char out[ECSKP_TIMESTAMP_SIZE], ecskp_diag *diag) {
    if (out == NULL)
        return ecskp__refuse(diag, ECSKP_ERR_INVALID_ARGUMENT, "out", "out is NULL");
    out[0] = '\0';
    if (t < 0)
        return out_of_range(diag); /* before 1970: never a valid request time */
    unsigned long long secs = (unsigned long long)t;
    if (secs > LAST_SECOND)
        return out_of_range(diag);
    unsigned sod = (unsigned)(secs % 86400);
    unsigned long long z = secs / 86400 + 719468; /* days since 0000-03-01 */
    unsigned long long era = z / 146097;
    unsigned doe = (unsigned)(z - era * 146097);                          /* [0, 146096] */
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    unsigned mp = (5 * doy + 2) / 153;                                    /* March = 0 */
    unsigned day = doy - (153 * mp + 2) / 5 + 1;
    unsigned month = mp < 10 ? mp + 3 : mp - 9;
    unsigned long long year = era * 400 + yoe + (month <= 2 ? 1 : 0);
    char s[ECSKP_TIMESTAMP_SIZE] = "0000-00-00T00:00:00Z";
    put_digits(s, (int)year, 4);
    put_digits(s + 5, (int)month, 2);
    put_digits(s + 8, (int)day, 2);
    put_digits(s + 11, (int)(sod / 3600), 2);
    put_digits(s + 14, (int)(sod / 60 % 60), 2);
    put_digits(s + 17, (int)(sod % 60), 2);
    for (size_t i = 0; i < sizeof s; i++)
        out[i] = s[i];
    return ecskp__ok(diag);
}

ecskp_status ecskp_clock_system(void *ctx, char out[ECSKP_TIMESTAMP_SIZE], ecskp_diag *diag) {
    (void)ctx;
    return ecskp_timestamp_format(time(NULL), out, diag);
}
