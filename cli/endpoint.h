/* SPDX-License-Identifier: MIT */
/*
 * endpoint.h - where attach and detach send their requests: an --endpoint URL taken apart, or
 * the published rule for the region (ecskp_endpoint_host). Plain http:// is refused except to
 * a loopback address (127.0.0.0/8, ::1, localhost).
 */
#ifndef ECSKP_CLI_ENDPOINT_H
#define ECSKP_CLI_ENDPOINT_H

#include "ecskp/call.h"

typedef struct cli_endpoint {
    char host[ECSKP_HOST_SIZE];      /* host[:port]: the V3 host header */
    char base[ECSKP_HOST_SIZE + 16]; /* scheme://host[:port]/ */
    int loopback;                    /* the host is a loopback address */
} cli_endpoint;

/*
 * `url` (--endpoint, may be NULL): https://HOST[:PORT][/] or http://LOOPBACK[:PORT][/], no
 * user info, path, query or fragment. `kind` (--endpoint-kind, may be NULL): public, vpc or
 * central, for the rule; not together with `url`. Returns 0, or CLI_EXIT_USAGE with the
 * message printed.
 */
int cli_endpoint_resolve(const char *cmd, const char *url, const char *kind, const char *region,
                         cli_endpoint *out);

/* The rule's host for `region` (`kind` as above, NULL = public) into out (ECSKP_HOST_SIZE).
 * Returns 0, or CLI_EXIT_USAGE with the message printed. */
int cli_endpoint_rule(const char *cmd, const char *kind, const char *region, char *out);

#endif /* ECSKP_CLI_ENDPOINT_H */
