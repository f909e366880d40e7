/*
 * demo_data.h - the documented examples `ecskp demo` runs, with the values it must
 * reproduce. Documented values are copied from the API pages (AttachKeyPair, DetachKeyPair,
 * ECS "Request signatures", V3 signature page) as gathered in api-facts; values marked
 * "computed" were computed independently with Python's hmac/hashlib (conformance/tools/
 * reference.py), never taken from ecskp's own output.
 */
#ifndef ECSKP_CLI_DEMO_DATA_H
#define ECSKP_CLI_DEMO_DATA_H

#include <stddef.h>

/* One expected value: which artifact, its text, and where the value comes from. */
typedef struct demo_expect {
    const char *artifact; /* canonical_query, string_to_sign, signature, signed_query, ... */
    const char *value;
    const char *origin; /* "documented" or "computed (Python hmac)" */
} demo_expect;

typedef enum demo_kind { DEMO_QUERY, DEMO_SIGN_V1, DEMO_SIGN_V3 } demo_kind;

typedef struct demo_request {
    const char *title;
    const char *source;
    demo_kind kind;
    const char *request; /* JSON text */
    const char *method;  /* GET or POST */
    const char *secret;  /* documented example secrets only */
    const char *host;    /* V3 */
    demo_expect expect[6];
} demo_request;

typedef struct demo_body {
    const char *title;
    const char *source;
    const char *action; /* AttachKeyPair or DetachKeyPair */
    const char *format; /* json or xml */
    int http_status;
    const char *body;
    const char *expect; /* the normalized output, byte-exact */
    const char *origin;
} demo_body;

extern const demo_request demo_requests[];
extern const size_t demo_request_count;
extern const demo_body demo_bodies[];
extern const size_t demo_body_count;

#endif /* ECSKP_CLI_DEMO_DATA_H */
