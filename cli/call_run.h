/* SPDX-License-Identifier: MIT */
/*
 * call_run.h - `ecskp attach` and `ecskp detach`: the whole call. The plan (what to send, to
 * whom, with which credentials) is built by cmd_call.c; call_run.c sends it batch by batch,
 * with retries; call_report.c prints the dry run and the per-instance report.
 */
#ifndef ECSKP_CLI_CALL_RUN_H
#define ECSKP_CLI_CALL_RUN_H

#include <stddef.h>

#include "credentials.h"
#include "ecskp/call.h"
#include "endpoint.h"

/* The exit statuses of attach and detach (ecskp(1), EXIT STATUS). */
enum {
    CALL_EXIT_OK = 0,       /* every instance ok */
    CALL_EXIT_INTERNAL = 1, /* an internal error (out of memory, a bug) */
    CALL_EXIT_LOCAL = 2,    /* usage or local error: nothing was sent */
    CALL_EXIT_PARTIAL = 3,  /* some instances ok, some failed or not done */
    CALL_EXIT_NONE_OK = 4   /* no instance ok */
};

/* A wait the server asks for beyond this ends the batch's retries instead. */
#define CALL_MAX_WAIT_MS ((uint64_t)60000)

typedef enum call_outcome {
    CALL_NOT_DONE = 0, /* no usable answer: never sent, transport failure, not an API body */
    CALL_OK = 1,       /* the server says the instance succeeded */
    CALL_FAILED = 2    /* the server answered and the instance was not changed */
} call_outcome;

typedef struct call_instance {
    call_outcome outcome;
    char *code;    /* owned; NULL when none */
    char *message; /* owned; NULL when none */
    ecskp_retry retry;
} call_instance;

typedef struct call_batch {
    size_t first, count; /* ids[first] .. ids[first + count - 1] */
    unsigned attempts;   /* requests sent for it (whole or the instances sent again) */
    int http_status;     /* of the last reply; 0 when none */
    char *request_id;    /* owned; NULL when none */
    char code[64];       /* the last reply's code (advice code, or "200"); "" when none */
    ecskp_retry retry;   /* the last reply's advice */
    const char *outcome; /* "ok", "partial", "failed", "not-done" (static) */
    char *diagnosis;     /* owned; a SignatureDoesNotMatch explanation, or NULL */
} call_batch;

typedef struct call_plan {
    const char *cmd; /* "attach" or "detach" */
    ecskp_action action;
    const char *region, *key_pair_name;
    cli_endpoint endpoint;
    ecskp_signature signature;
    ecskp_method method;
    ecskp_format format;
    unsigned attempts;
    long timeout_s;
    int dry_run, json, progress;
    const char *const *ids;
    size_t count, nbatches;
    const cli_creds *creds;
    call_batch *batches;      /* nbatches */
    call_instance *instances; /* count */
} call_plan;

/* Signs batch `b` (fresh Timestamp and SignatureNonce). Free *out with ecskp_signed_free. */
ecskp_status call_sign(const call_plan *p, size_t b, ecskp_signed **out, ecskp_diag *diag);

/* Signs a request for `count` of the plan's IDs (1 to 50; a batch, or the instances of one
 * that are sent again), with a fresh Timestamp and SignatureNonce. */
ecskp_status call_sign_ids(const call_plan *p, const char *const *ids, size_t count,
                           ecskp_signed **out, ecskp_diag *diag);

/* The URL of a signed request: base, then "?" and the query when there is one. NULL when out
 * of memory; free() it. */
char *call_url(const call_plan *p, const ecskp_signed *s);

/* Sends every batch (with retries: of the whole request, and of the instances a success
 * reply says failed with a retryable Code, sent again alone) and fills batches[] and
 * instances[]. Returns 0, or CALL_EXIT_LOCAL / CALL_EXIT_INTERNAL with the message printed. */
int call_run(call_plan *p);

/* Prints the signed requests without sending them. Returns the exit status. */
int call_dry_run(const call_plan *p);

/* Prints the report (a table, or one JSON object with --json) and returns the exit status by
 * the outcomes. */
int call_report(const call_plan *p);

/* "attach: batch 2/3, attempt 1/5: ..." on standard error when it is a terminal. */
void call_progress(const call_plan *p, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif /* ECSKP_CLI_CALL_RUN_H */
