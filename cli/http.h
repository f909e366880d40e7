/* SPDX-License-Identifier: MIT */
/*
 * http.h - sending one signed request over HTTPS with libcurl, for attach and detach. libcurl
 * is optional: without it (meson found no libcurl) cli_http_available() is 0 and nothing is
 * sent; --dry-run needs none of this.
 *
 * What is captured: the status, the body (at most max_body + 1 bytes, so that the decoder can
 * refuse an oversized body itself), and the headers that carry wait hints (x-acs-retry-after,
 * x-ratelimit-user-api, x-ratelimit-user). Redirects are not followed; only https (and http
 * to a loopback address) is spoken; a loopback endpoint never goes through a proxy.
 */
#ifndef ECSKP_CLI_HTTP_H
#define ECSKP_CLI_HTTP_H

#include <stddef.h>

#include "ecskp/sign.h"

typedef struct cli_http cli_http; /* one connection cache, reused between requests */

typedef struct cli_http_request {
    const char *url;                /* scheme://host[:port]/[?query] */
    const ecskp_signed *signed_req; /* method, headers and body */
    long timeout_s;                 /* the whole exchange */
    int loopback;                   /* allow http, bypass proxies */
    size_t max_body;
} cli_http_request;

typedef struct cli_http_reply {
    int status; /* the HTTP status; 0 when no reply came */
    char *body; /* NUL-terminated after body_len bytes; owned */
    size_t body_len;
    char *retry_after, *ratelimit_user_api, *ratelimit_user; /* owned, NULL when absent */
    char error[320]; /* the transport error, when cli_http_send failed */
} cli_http_reply;

/* 1 when this build can send (it was built with libcurl). */
int cli_http_available(void);
/* "libcurl 8.5.0" or "not built". */
const char *cli_http_version(void);

/* NULL when libcurl is missing or cannot start. */
cli_http *cli_http_open(void);
void cli_http_close(cli_http *h);

/* Sends; returns 0 when a reply came (any status), -1 for a transport failure (reply->error
 * says which). *reply is reset first; free it with cli_http_reply_free either way. */
int cli_http_send(cli_http *h, const cli_http_request *rq, cli_http_reply *reply);
void cli_http_reply_free(cli_http_reply *reply);

#endif /* ECSKP_CLI_HTTP_H */
