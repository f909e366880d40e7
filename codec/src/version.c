/* SPDX-License-Identifier: MIT */
/* version.c - the linked library's version. */
#include "ecskp/status.h"
#include "ecskp/version.h"

const char *ecskp_version(void) {
    return ECSKP_VERSION_STRING;
}
