/* SPDX-License-Identifier: MIT */
/*
 * attach_keypair - a complete AttachKeyPair (or DetachKeyPair) client on ecskp and libcurl.
 *
 *   attach_keypair [--format JSON|XML] [--detach] [--verbose] REGION KEY_PAIR_NAME INSTANCE_ID...
 *
 * Environment:
 *   ECSKP_ACCESS_KEY_ID      required
 *   ECSKP_ACCESS_KEY_SECRET  required
 *   ECSKP_SECURITY_TOKEN     optional: STS credentials
 *   ECSKP_ENDPOINT           optional: default https://ecs.aliyuncs.com
 *
 * The request is signed with signature version 1.0 and sent as POST with the parameters in an
 * application/x-www-form-urlencoded body, as the official SDKs send these operations. The
 * response is decoded with the HTTP status, and the program prints one line per instance, or
 * the API error with its category and retry advice. For SignatureDoesNotMatch it compares the
 * server's StringToSign (carried in the error message) with its own to say what is wrong.
 *
 * Exit status:
 *   0   every instance succeeded (or the older body, which lists no instances, was returned)
 *   1   the request was processed, but at least one instance failed (partial failure)
 *   2   the API refused the request; retrying the same request will not help
 *   3   the API refused the request with a retryable error (throttling, server error): retry
 *       later, with backoff
 *       (an HTTP error status without a body is 2 or 3 according to the status alone)
 *   4   the response could not be decoded (not a valid AttachKeyPair response)
 *   5   transport failure: no HTTP response (connection, TLS, timeout)
 *   6   the request could not be built or signed (invalid input)
 *   64  usage error or missing credentials
 *   70  internal error (out of memory, curl initialisation)
 *
 * Output lines (stable, for scripts): "HTTP <status>", "RequestId <id>",
 * "<instance-id>: ok" / "<instance-id>: failed: <code>: <message>",
 * "result: N of M instances succeeded" / "result: N of M instances failed",
 * "error: <code>: <message>", "category: <name>", "retry: yes|no ...",
 * "signature check: ...". Diagnostics go to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include <ecskp/ecskp.h>

enum {
    EXIT_ALL_OK = 0,
    EXIT_PARTIAL = 1,
    EXIT_API_ERROR = 2,
    EXIT_API_RETRYABLE = 3,
    EXIT_UNDECODABLE = 4,
    EXIT_TRANSPORT = 5,
    EXIT_BAD_REQUEST = 6,
    EXIT_USAGE = 64,
    EXIT_INTERNAL = 70
};

#define DEFAULT_ENDPOINT "https://ecs.aliyuncs.com"
/* The body is refused by ecskp_response_decode() beyond this anyway; stop reading there. */
#define MAX_BODY ECSKP_DEFAULT_MAX_BODY_BYTES

static void usage(FILE *to) {
    fprintf(to, "usage: attach_keypair [--format JSON|XML] [--detach] [--verbose] REGION "
                "KEY_PAIR_NAME INSTANCE_ID...\n"
                "environment: ECSKP_ACCESS_KEY_ID, ECSKP_ACCESS_KEY_SECRET (required), "
                "ECSKP_SECURITY_TOKEN, ECSKP_ENDPOINT (default " DEFAULT_ENDPOINT ")\n");
}

/* ------------------------------------------------------------------ the HTTP exchange */

typedef struct body_buf {
    char *data;
    size_t len;
    size_t cap;
    int too_large;
} body_buf;

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata) {
    body_buf *b = userdata;
    size_t n = size * nmemb;
    if (n > MAX_BODY - b->len) {
        b->too_large = 1;
        return 0; /* makes curl stop with CURLE_WRITE_ERROR */
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (p == NULL)
            return 0;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, ptr, n);
    b->len += n;
    return n;
}

/* The headers of the signed request ("name: value"), for curl. NULL when out of memory. */
static struct curl_slist *signed_headers(const ecskp_signed *sig) {
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < sig->header_count; i++) {
        size_t n = strlen(sig->headers[i].name) + strlen(sig->headers[i].value) + 3;
        char *line = malloc(n);
        struct curl_slist *next = NULL;
        if (line != NULL) {
            snprintf(line, n, "%s: %s", sig->headers[i].name, sig->headers[i].value);
            next = curl_slist_append(list, line); /* copies the line */
            free(line);
        }
        if (next == NULL) {
            curl_slist_free_all(list);
            return NULL;
        }
        list = next;
    }
    return list;
}

/* The endpoint (a URL such as https://ecs.cn-hangzhou.aliyuncs.com) + the signed path and
 * query (signature 1.0 POST: "/" and no query). NULL when out of memory. */
static char *signed_url(const char *endpoint, const ecskp_signed *sig) {
    size_t elen = strlen(endpoint);
    while (elen > 0 && endpoint[elen - 1] == '/')
        elen--;
    size_t n = elen + strlen(sig->path) + 1 + strlen(sig->query) + 1;
    char *url = malloc(n);
    if (url != NULL)
        snprintf(url, n, "%.*s%s%s%s", (int)elen, endpoint, sig->path, sig->query[0] ? "?" : "",
                 sig->query);
    return url;
}

/* Sends the signed request (its method, path, query, headers and body) to `endpoint`; fills
 * `body` and `*http_status`. Returns 0, or prints why not and returns an exit status. */
static int send_signed(const char *endpoint, const ecskp_signed *sig, int verbose, body_buf *body,
                       long *http_status) {
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        fprintf(stderr, "transport: curl_easy_init failed\n");
        return EXIT_INTERNAL;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers = signed_headers(sig);
    char *url = signed_url(endpoint, sig);
    if ((headers == NULL && sig->header_count > 0) || url == NULL) {
        curl_slist_free_all(headers);
        free(url);
        curl_easy_cleanup(curl);
        return EXIT_INTERNAL;
    }

    curl_easy_setopt(curl, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
    if (sig->method == ECSKP_METHOD_POST) {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, sig->body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)sig->body_len);
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "ecskp-attach-keypair/" ECSKP_VERSION_STRING);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    /* Never follow a redirect: the signed form would be replayed to another host. */
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    if (verbose)
        curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);

    CURLcode cc = curl_easy_perform(curl);
    int rc = 0;
    if (cc != CURLE_OK) {
        if (body->too_large)
            fprintf(stderr, "transport: response body larger than %zu bytes\n", (size_t)MAX_BODY);
        printf("transport: %s: %s\n", curl_easy_strerror(cc), errbuf[0] ? errbuf : "-");
        rc = body->too_large ? EXIT_UNDECODABLE : EXIT_TRANSPORT;
    } else {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, http_status);
    }
    free(url);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return rc;
}

/* ------------------------------------------------------------------ reporting */

/* Text from the response, made safe to print: the server is not trusted with the terminal, so
 * C0 and C1 control characters become '?'; "-" when absent or empty; cut at SHOWN_MAX bytes.
 * Rotates over four buffers, so one printf may show up to four fields. */
#define SHOWN_MAX 1024
static const char *shown(const char *s) {
    static char bufs[4][SHOWN_MAX + 4];
    static unsigned next;
    if (s == NULL || s[0] == '\0')
        return "-";
    char *b = bufs[next++ % 4];
    size_t n = 0;
    for (; *s != '\0' && n < SHOWN_MAX; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F) {
            b[n++] = '?'; /* U+0080..U+009F */
            s++;
        } else {
            b[n++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
        }
    }
    if (*s != '\0') {
        memcpy(b + n, "...", 3);
        n += 3;
    }
    b[n] = '\0';
    return b;
}

static int report_success(const ecskp_success *s) {
    printf("RequestId %s\n", shown(s->request_id));
    if (!s->has_results) {
        /* The older AttachKeyPair page documents a body with RequestId only. */
        printf("result: accepted (the response lists no per-instance results)\n");
        return EXIT_ALL_OK;
    }
    for (size_t i = 0; i < s->result_count; i++) {
        const ecskp_instance_result *r = s->results[i];
        if (r->success)
            printf("%s: ok\n", shown(r->instance_id));
        else
            printf("%s: failed: %s: %s\n", shown(r->instance_id), shown(r->code),
                   shown(r->message));
    }
    if (s->failed_count == 0) {
        printf("result: %zu of %zu instances succeeded\n", s->result_count, s->result_count);
        return EXIT_ALL_OK;
    }
    printf("result: %zu of %zu instances failed\n", s->failed_count, s->result_count);
    return EXIT_PARTIAL;
}

static void report_signature_mismatch(const ecskp_api_error *e, const char *client_sts) {
    if (e->message == NULL)
        return;
    ecskp_sts_comparison cmp;
    ecskp_status rc = ecskp_sts_compare(e->message, strlen(e->message), client_sts,
                                        strlen(client_sts), &cmp, NULL);
    if (rc != ECSKP_OK) {
        printf("signature check: %s\n", ecskp_status_name(rc));
        return;
    }
    switch (cmp.verdict) {
    case ECSKP_STS_SAME:
        printf("signature check: the server computed the same StringToSign, so the request was "
               "encoded correctly and the AccessKeySecret is wrong (check "
               "ECSKP_ACCESS_KEY_SECRET)\n");
        break;
    case ECSKP_STS_DIFFERENT:
        printf("signature check: the StringToSign differs at byte %zu: the request was encoded "
               "differently from what the server expects\n",
               cmp.offset);
        printf("  server: ...%s...\n  client: ...%s...\n", cmp.server_excerpt, cmp.client_excerpt);
        break;
    case ECSKP_STS_NOT_PRESENT:
    default:
        printf("signature check: the message carries no server StringToSign\n");
        break;
    }
    if (cmp.explanation[0] != '\0')
        printf("  %s\n", cmp.explanation);
}

static int report_api_error(const ecskp_api_error *e, const char *client_sts) {
    printf("RequestId %s\n", shown(e->request_id));
    printf("error: %s: %s\n", shown(e->code), shown(e->message));
    if (e->status_mismatch)
        printf("note: the HTTP status was 2xx, but the body is an error\n");
    printf("category: %s\n", ecskp_category_name(e->category));
    const ecskp_error_info *info = ecskp_error_lookup(e->code);
    if (info != NULL)
        printf("meaning: %s\n", info->meaning);
    if (e->retryable && e->category == ECSKP_CATEGORY_THROTTLING)
        printf("retry: yes, after a backoff; the request was throttled and not carried out\n");
    else if (e->retryable)
        printf("retry: yes, after a backoff; the server may have applied the request in part, "
               "so check the instances before retrying\n");
    else
        printf("retry: no, the same request will fail again; fix the cause first\n");
    if (e->recommend != NULL)
        printf("see: %s\n", shown(e->recommend));
    if (e->access_denied_detail != NULL)
        printf("access denied detail: %s\n", shown(e->access_denied_detail));
    if (strcmp(e->code, "SignatureDoesNotMatch") == 0 ||
        strcmp(e->code, "IncompleteSignature") == 0)
        report_signature_mismatch(e, client_sts);
    return e->retryable ? EXIT_API_RETRYABLE : EXIT_API_ERROR;
}

/* Sends the signed request, decodes the answer, prints it. Returns the exit status. */
static int exchange(const char *endpoint, const ecskp_signed *sig, ecskp_action action,
                    ecskp_format format, int verbose) {
    body_buf body = {0};
    long http_status = 0;
    int exit_status = send_signed(endpoint, sig, verbose, &body, &http_status);
    if (exit_status != 0) {
        free(body.data);
        return exit_status;
    }
    printf("HTTP %ld\n", http_status);

    ecskp_decode_options opt = {0};
    opt.action = action;
    opt.format = format;
    opt.http_status = http_status >= 100 && http_status <= 599 ? (int)http_status : 0;
    ecskp_response *resp = NULL;
    ecskp_diag diag;
    ecskp_status rc = ecskp_response_decode(body.data, body.len, &opt, &resp, &diag);
    if (rc == ECSKP_ERR_EMPTY_BODY && opt.http_status >= 300) {
        /* A bare error status (e.g. 503 from a proxy): only the status tells what happened. */
        int retryable = 0;
        ecskp_error_category category = ecskp_error_classify(NULL, opt.http_status, &retryable);
        printf("error: HTTP %d without a body\n", opt.http_status);
        printf("category: %s\n", ecskp_category_name(category));
        printf("retry: %s\n", retryable ? "yes, after a backoff" : "no");
        exit_status = retryable ? EXIT_API_RETRYABLE : EXIT_API_ERROR;
    } else if (rc != ECSKP_OK) {
        printf("response: not a valid %s response: %s", ecskp_action_name(action),
               ecskp_status_name(rc));
        if (diag.field[0] != '\0')
            printf(" (%s)", diag.field);
        if (diag.offset != ECSKP_NO_OFFSET)
            printf(" at byte %zu", diag.offset);
        printf(": %s\n", diag.message);
        exit_status = EXIT_UNDECODABLE;
    } else if (resp->kind == ECSKP_RESPONSE_SUCCESS) {
        exit_status = report_success(resp->success);
    } else {
        exit_status = report_api_error(resp->error, sig->string_to_sign);
    }
    ecskp_response_free(resp);
    free(body.data);
    return exit_status;
}

/* ------------------------------------------------------------------ signing */

/* Signs `op` with signature 1.0 for a POST, with a fresh Timestamp and nonce. Returns 0 with
 * *sig to free with ecskp_signed_free(), or prints why not and returns an exit status. */
static int sign_request(const ecskp_keypair *op, const char *key_id, const char *secret,
                        const char *token, ecskp_signed **sig) {
    ecskp_signer signer = {0}; /* who signs, and how */
    signer.signature = ECSKP_SIGNATURE_V1;
    signer.method = ECSKP_METHOD_POST;
    signer.access_key_id = key_id;
    signer.secret = secret;
    signer.secret_len = strlen(secret);
    signer.security_token = token != NULL && token[0] != '\0' ? token : NULL;
    /* Timestamp and nonce are fresh per request (the gateway refuses a reused nonce): from the
     * system clock and the operating system's random generator. */
    signer.clock = ecskp_clock_system;
    signer.nonce_source = ecskp_nonce_system;

    /* The _alloc variant rather than a caller buffer: the size depends on the IDs (up to 50
     * of 64 bytes) and on the STS token (up to 8 KiB), so a fixed buffer would have to be
     * ECSKP_KEYPAIR_SIGNED_SIZE_MAX (about 110 KB, too much for the stack) or be sized by a
     * first call; one allocation, freed by ecskp_signed_free(), reads better than either. */
    ecskp_diag diag;
    ecskp_status rc = ecskp_keypair_sign_alloc(&signer, op, NULL, sig, &diag);
    if (rc == ECSKP_ERR_OUT_OF_MEMORY || rc == ECSKP_ERR_RANDOM_FAILURE) {
        fprintf(stderr, "attach_keypair: signing: %s: %s\n", ecskp_status_name(rc), diag.message);
        return EXIT_INTERNAL;
    }
    if (rc != ECSKP_OK) {
        printf("request: %s%s%s: %s\n", ecskp_status_name(rc), diag.field[0] ? " " : "", diag.field,
               diag.message);
        return EXIT_BAD_REQUEST;
    }
    return 0;
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
    ecskp_format format = ECSKP_FORMAT_JSON;
    ecskp_action action = ECSKP_ACTION_ATTACH_KEY_PAIR;
    int verbose = 0;
    int argi = 1;

    for (; argi < argc && strncmp(argv[argi], "--", 2) == 0; argi++) {
        if (strcmp(argv[argi], "--") == 0) {
            argi++;
            break;
        } else if (strcmp(argv[argi], "--format") == 0 && argi + 1 < argc) {
            if (ecskp_format_parse(argv[++argi], &format, NULL) != ECSKP_OK) {
                fprintf(stderr, "attach_keypair: --format takes JSON or XML, not %s\n", argv[argi]);
                usage(stderr);
                return EXIT_USAGE;
            }
        } else if (strcmp(argv[argi], "--detach") == 0) {
            action = ECSKP_ACTION_DETACH_KEY_PAIR;
        } else if (strcmp(argv[argi], "--verbose") == 0) {
            verbose = 1;
        } else if (strcmp(argv[argi], "--help") == 0) {
            usage(stdout);
            return EXIT_ALL_OK;
        } else {
            fprintf(stderr, "attach_keypair: unknown option %s\n", argv[argi]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - argi < 3) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *region = argv[argi];
    const char *key_pair_name = argv[argi + 1];
    const char *const *ids = (const char *const *)&argv[argi + 2];
    size_t id_count = (size_t)(argc - argi - 2);

    const char *key_id = getenv("ECSKP_ACCESS_KEY_ID");
    const char *secret = getenv("ECSKP_ACCESS_KEY_SECRET");
    const char *token = getenv("ECSKP_SECURITY_TOKEN");
    const char *endpoint = getenv("ECSKP_ENDPOINT");
    if (key_id == NULL || key_id[0] == '\0' || secret == NULL || secret[0] == '\0') {
        fprintf(stderr, "attach_keypair: set ECSKP_ACCESS_KEY_ID and ECSKP_ACCESS_KEY_SECRET "
                        "(and ECSKP_SECURITY_TOKEN for STS credentials)\n");
        return EXIT_USAGE;
    }
    if (endpoint == NULL || endpoint[0] == '\0')
        endpoint = DEFAULT_ENDPOINT;

    ecskp_keypair op = {0}; /* what to do */
    op.action = action;
    op.region_id = region;
    op.key_pair_name = key_pair_name;
    op.instance_ids = ids;
    op.instance_id_count = id_count;
    op.format = format;
    ecskp_signed *sig = NULL;
    int sign_status = sign_request(&op, key_id, secret, token, &sig);
    if (sign_status != 0)
        return sign_status;

    printf("%s KeyPairName=%s RegionId=%s instances=%zu Format=%s endpoint=%s\n",
           ecskp_action_name(action), key_pair_name, region, id_count, ecskp_format_name(format),
           endpoint);
    if (verbose)
        fprintf(stderr, "StringToSign: %s\n", sig->string_to_sign);

    int exit_status = EXIT_INTERNAL;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf(stderr, "attach_keypair: curl_global_init failed\n");
    } else {
        exit_status = exchange(endpoint, sig, action, format, verbose);
        curl_global_cleanup();
    }
    ecskp_signed_free(sig);
    return exit_status;
}
