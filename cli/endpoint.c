/* SPDX-License-Identifier: MIT */
/* endpoint.c - the host and URL of attach and detach (see endpoint.h). */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "endpoint.h"
#include "report.h"

int cli_endpoint_rule(const char *cmd, const char *kind, const char *region, char *out) {
    ecskp_endpoint e = ECSKP_ENDPOINT_UNSET;
    if (kind != NULL && ecskp_endpoint_parse(kind, &e, NULL) != ECSKP_OK) {
        cli_usage(cmd, "--endpoint-kind is public, vpc or central, not '%s'", kind);
        return CLI_EXIT_USAGE;
    }
    size_t needed = 0;
    ecskp_diag d;
    ecskp_status st = ecskp_endpoint_host(region, e, NULL, out, ECSKP_HOST_SIZE, &needed, &d);
    if (st == ECSKP_OK)
        return 0;
    if (st == ECSKP_ERR_MISSING_PARAMETER)
        cli_usage(cmd, "no region to derive the host from: give --region REGION (or "
                       "ALIBABA_CLOUD_REGION_ID), or --endpoint URL");
    else
        cli_usage(cmd,
                  "the region '%s' is not a region name (1 to 63 of a-z, 0-9 and '-', e.g. "
                  "cn-hangzhou): %s",
                  region != NULL ? region : "", d.message);
    return CLI_EXIT_USAGE;
}

/* 1 when `host` (no port, IPv6 without brackets) is a loopback address or localhost. */
static int is_loopback(const char *host, int bracketed) {
    unsigned char addr[16];
    if (bracketed) {
        static const unsigned char one[16] = {[15] = 1};
        return inet_pton(AF_INET6, host, addr) == 1 && memcmp(addr, one, 16) == 0;
    }
    if (strcasecmp(host, "localhost") == 0)
        return 1;
    return inet_pton(AF_INET, host, addr) == 1 && addr[0] == 127;
}

static int refuse_why(const char **why, const char *reason) {
    *why = reason;
    return -1;
}

/* Splits an authority into the host (without brackets) and checks the port. Returns 0 or -1
 * with a reason. */
static int split_authority(const char *auth, char *host, size_t cap, int *bracketed,
                           const char **why) {
    const char *end = auth + strlen(auth), *port = NULL;
    *bracketed = auth[0] == '[';
    if (*bracketed) {
        const char *close = strchr(auth, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            return refuse_why(why, "an IPv6 address is written [ADDRESS] or [ADDRESS]:PORT");
        port = close[1] == ':' ? close + 2 : NULL;
        auth++;
        end = close;
    } else if ((port = strchr(auth, ':')) != NULL) {
        end = port++;
    }
    if (end == auth || (size_t)(end - auth) >= cap)
        return refuse_why(why, "the host is empty or too long");
    memcpy(host, auth, (size_t)(end - auth));
    host[end - auth] = '\0';
    if (port == NULL)
        return 0;
    unsigned long v = 0;
    size_t digits = strspn(port, "0123456789");
    for (size_t i = 0; i < digits && i < 6; i++)
        v = v * 10 + (unsigned long)(port[i] - '0');
    if (digits == 0 || digits > 5 || port[digits] != '\0' || v == 0 || v > 65535)
        return refuse_why(why, "the port is 1 to 65535");
    return 0;
}

/* The authority of `url` (after the scheme, before an optional final "/") into auth. */
static int url_authority(const char *url, char *auth, size_t cap, int *https, const char **why) {
    const char *rest;
    if (strncmp(url, "https://", 8) == 0) {
        *https = 1;
        rest = url + 8;
    } else if (strncmp(url, "http://", 7) == 0) {
        *https = 0;
        rest = url + 7;
    } else {
        return refuse_why(why, "it must start with https:// (or http:// to a loopback address)");
    }
    size_t n = strcspn(rest, "/?#");
    if (rest[n] == '?' || rest[n] == '#' || (rest[n] == '/' && rest[n + 1] != '\0'))
        return refuse_why(why, "it may have no path (other than /), query or fragment");
    if (n == 0 || n >= cap)
        return refuse_why(why, "the host is empty or longer than 255 bytes");
    memcpy(auth, rest, n);
    auth[n] = '\0';
    return 0;
}

static int from_url(const char *cmd, const char *url, const char *region, cli_endpoint *out) {
    char auth[ECSKP_HOST_SIZE], host[ECSKP_HOST_SIZE];
    const char *why = NULL;
    int https = 0, bracketed = 0;
    if (url_authority(url, auth, sizeof auth, &https, &why) != 0 ||
        split_authority(auth, host, sizeof host, &bracketed, &why) != 0) {
        cli_usage(cmd, "--endpoint '%s': %s", url, why);
        return CLI_EXIT_USAGE;
    }
    size_t needed = 0;
    ecskp_diag d;
    if (ecskp_endpoint_host(region, ECSKP_ENDPOINT_UNSET, auth, out->host, sizeof out->host,
                            &needed, &d) != ECSKP_OK) {
        cli_usage(cmd, "--endpoint '%s': %s", url, d.message);
        return CLI_EXIT_USAGE;
    }
    out->loopback = is_loopback(host, bracketed);
    if (!https && !out->loopback) {
        cli_usage(cmd,
                  "--endpoint '%s': plain http:// would send the signed request unencrypted; "
                  "use https:// (http:// is allowed to 127.0.0.0/8, [::1] and localhost only)",
                  url);
        return CLI_EXIT_USAGE;
    }
    (void)snprintf(out->base, sizeof out->base, "%s://%s/", https ? "https" : "http", out->host);
    return 0;
}

int cli_endpoint_resolve(const char *cmd, const char *url, const char *kind, const char *region,
                         cli_endpoint *out) {
    memset(out, 0, sizeof *out);
    if (url != NULL && kind != NULL) {
        cli_usage(cmd, "--endpoint and --endpoint-kind both choose the host; keep one");
        return CLI_EXIT_USAGE;
    }
    if (url != NULL)
        return from_url(cmd, url, region, out);
    int rc = cli_endpoint_rule(cmd, kind, region, out->host);
    if (rc == 0)
        (void)snprintf(out->base, sizeof out->base, "https://%s/", out->host);
    return rc;
}
