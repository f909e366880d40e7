/* timestamp.c - Timestamp / x-acs-date text from a time_t. */
#include <time.h>

#include "sign_internal.h"

static void put_digits(char *out, int v, int width) {
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

ecskp_status ecskp_format_timestamp(time_t t, char out[ECSKP_TIMESTAMP_SIZE]) {
    if (out == NULL)
        return ECSKP_ERR_INVALID_ARGUMENT;
    out[0] = '\0';
    if (t < 0)
        return ECSKP_ERR_INVALID_ARGUMENT; /* before 1970: never a valid request time */
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL)
        return ECSKP_ERR_INVALID_ARGUMENT;
    if (tm.tm_year > 9999 - 1900) /* the format has four year digits */
        return ECSKP_ERR_INVALID_ARGUMENT;
    char s[ECSKP_TIMESTAMP_SIZE] = "0000-00-00T00:00:00Z";
    put_digits(s, tm.tm_year + 1900, 4);
    put_digits(s + 5, tm.tm_mon + 1, 2);
    put_digits(s + 8, tm.tm_mday, 2);
    put_digits(s + 11, tm.tm_hour, 2);
    put_digits(s + 14, tm.tm_min, 2);
    put_digits(s + 17, tm.tm_sec, 2);
    for (size_t i = 0; i < sizeof s; i++)
        out[i] = s[i];
    return ECSKP_OK;
}
