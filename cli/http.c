/* SPDX-License-Identifier: MIT */
/* http.c - one signed request over HTTPS with libcurl (see http.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecskp/version.h"
#include "http.h"
#include "input.h"
#include "secret.h"

void cli_http_reply_free(cli_http_reply *reply) {
    free(reply->body);
    free(reply->retry_after);
    free(reply->ratelimit_user_api);
    free(reply->ratelimit_user);
    memset(reply, 0, sizeof *reply);
}

#ifndef ECSKP_CLI_HAVE_CURL

int cli_http_available(void) {
    return 0;
}

const char *cli_http_version(void) {
    return "not built";
}

cli_http *cli_http_open(void) {
    return NULL;
}

void cli_http_close(cli_http *h) {
    (void)h;
}

int cli_http_send(cli_http *h, const cli_http_request *rq, cli_http_reply *reply) {
    (void)h;
    (void)rq;
    memset(reply, 0, sizeof *reply);
    (void)snprintf(reply->error, sizeof reply->error, "this ecskp was built without libcurl");
    return -1;
}

#else

#include <curl/curl.h>

struct cli_http {
    CURL *curl;
};

int cli_http_available(void) {
    return 1;
}

const char *cli_http_version(void) {
    return "libcurl " LIBCURL_VERSION;
}

cli_http *cli_http_open(void) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return NULL;
    cli_http *h = calloc(1, sizeof *h);
    if (h != NULL && (h->curl = curl_easy_init()) != NULL)
        return h;
    free(h);
    curl_global_cleanup();
    return NULL;
}

void cli_http_close(cli_http *h) {
    if (h == NULL)
        return;
    curl_easy_cleanup(h->curl);
    free(h);
    curl_global_cleanup();
}

typedef struct sink {
    cli_http_reply *reply;
    size_t cap, max; /* max: the most bytes kept (max_body + 1) */
    int overflow;
} sink;

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx) {
    sink *s = ctx;
    cli_http_reply *r = s->reply;
    size_t n = size * nmemb;
    int rc = cli_bytes_add(&r->body, &r->body_len, &s->cap, s->max, data, n);
    if (rc > 0)
        s->overflow = 1; /* enough to refuse it: stop reading */
    return rc == 0 ? n : 0;
}

/* Keeps the value of a hint header (trimmed), replacing an earlier one. */
static void keep(char **slot, const char *v, size_t n) {
    while (n > 0 && (*v == ' ' || *v == '\t')) {
        v++;
        n--;
    }
    while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    free(*slot);
    *slot = strndup(v, n);
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *ctx) {
    cli_http_reply *r = ((sink *)ctx)->reply;
    size_t n = size * nmemb;
    static const struct {
        const char *name;
        size_t off;
    } hints[] = {
        {"x-acs-retry-after", offsetof(cli_http_reply, retry_after)},
        {"x-ratelimit-user-api", offsetof(cli_http_reply, ratelimit_user_api)},
        {"x-ratelimit-user", offsetof(cli_http_reply, ratelimit_user)},
    };
    if (n >= 5 && memcmp(data, "HTTP/", 5) == 0) { /* a new response: forget the last one's */
        for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
            char **slot = (char **)(void *)((char *)r + hints[i].off);
            free(*slot);
            *slot = NULL;
        }
        return n;
    }
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        size_t len = strlen(hints[i].name);
        if (n > len && data[len] == ':' && strncasecmp(data, hints[i].name, len) == 0)
            keep((char **)(void *)((char *)r + hints[i].off), data + len + 1, n - len - 1);
    }
    return n;
}

/* The signed headers as curl wants them, plus "Expect:" (no 100-continue) and, for a POST
 * without a body and without a signed content type, "Content-Type:" (curl would add one). */
static struct curl_slist *header_list(const ecskp_signed *sig) {
    struct curl_slist *list = NULL;
    int has_type = 0;
    for (size_t i = 0; i <= sig->header_count + 1; i++) {
        char line[ECSKP_MAX_SECURITY_TOKEN_BYTES + 64];
        if (i < sig->header_count) {
            has_type |= strcmp(sig->headers[i].name, "content-type") == 0;
            (void)snprintf(line, sizeof line, "%s: %s", sig->headers[i].name,
                           sig->headers[i].value);
        } else if (i == sig->header_count) {
            (void)snprintf(line, sizeof line, "Expect:");
        } else if (!has_type) {
            (void)snprintf(line, sizeof line, "Content-Type:");
        } else {
            break;
        }
        struct curl_slist *next = curl_slist_append(list, line);
        cli_wipe(line, strlen(line)); /* it may hold the SecurityToken */
        if (next == NULL) {
            curl_slist_free_all(list);
            return NULL;
        }
        list = next;
    }
    return list;
}

static void set_options(CURL *c, const cli_http_request *rq, struct curl_slist *headers, sink *s,
                        char *errbuf) {
    const ecskp_signed *sig = rq->signed_req;
    curl_easy_setopt(c, CURLOPT_URL, rq->url);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, rq->loopback ? "http,https" : "https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS,
                     rq->loopback ? (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)
                                  : (long)CURLPROTO_HTTPS);
#endif
    if (rq->loopback)
        curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (sig->method == ECSKP_METHOD_GET) {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, sig->body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)sig->body_len);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "ecskp/" ECSKP_VERSION_STRING);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, rq->timeout_s < 10 ? rq->timeout_s : 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, rq->timeout_s);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
}

int cli_http_send(cli_http *h, const cli_http_request *rq, cli_http_reply *reply) {
    memset(reply, 0, sizeof *reply);
    struct curl_slist *headers = header_list(rq->signed_req);
    if (headers == NULL) {
        (void)snprintf(reply->error, sizeof reply->error, "out of memory for the headers");
        return -1;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    sink s = {.reply = reply, .max = rq->max_body + 1};
    curl_easy_reset(h->curl);
    set_options(h->curl, rq, headers, &s, errbuf);
    CURLcode cc = curl_easy_perform(h->curl);
    long status = 0;
    (void)curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    if (cc != CURLE_OK && !(cc == CURLE_WRITE_ERROR && s.overflow)) {
        (void)snprintf(reply->error, sizeof reply->error, "%s%s%s", curl_easy_strerror(cc),
                       errbuf[0] != '\0' ? ": " : "", errbuf);
        return -1;
    }
    reply->status = status >= 100 && status <= 599 ? (int)status : 0;
    if (reply->body == NULL && (reply->body = calloc(1, 1)) == NULL) {
        (void)snprintf(reply->error, sizeof reply->error, "out of memory for the body");
        return -1;
    }
    return 0;
}

#endif
