/* version.c - the linked library's version. */
#include "ecskp/status.h"
#include "ecskp/version.h"

ECSKP_API const char *ecskp_version(void) {
    return ECSKP_VERSION_STRING;
}
