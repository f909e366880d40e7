/* SPDX-License-Identifier: MIT */
/*
 * spawn.h - running one adapter process: `/bin/sh -c CMD` with pipes on standard input,
 * output and error, a deadline, and the whole process group killed when it passes.
 */
#ifndef ECSKP_CLI_SPAWN_H
#define ECSKP_CLI_SPAWN_H

#include <stddef.h>

/* Most output kept from one run; more is a failure of the case (and ends the process). */
#define SPAWN_MAX_OUTPUT ((size_t)16 << 20)
/* Standard error is kept only for the failure line. */
#define SPAWN_MAX_STDERR ((size_t)4096)

typedef struct spawn_result {
    char *out; /* standard output, NUL-terminated (never NULL after spawn_run returns 0) */
    size_t out_len;
    char err[SPAWN_MAX_STDERR + 1]; /* the start of standard error, NUL-terminated */
    size_t err_len;
    int exited; /* 1 when the process exited; exit_status is then valid */
    int exit_status;
    int signal;    /* the signal that ended it, or 0 */
    int timed_out; /* 1 when the deadline passed and the group was killed */
    int too_much;  /* 1 when the output exceeded SPAWN_MAX_OUTPUT */
} spawn_result;

/*
 * Runs `cmd` through /bin/sh -c in a new process group, writes `in` to its standard input
 * and closes it, collects standard output and error until both close and the process ends,
 * or until `timeout_ms` passes (then the group gets SIGKILL). Returns 0, or -1 when the
 * process could not be started (errno set); free r->out with free().
 */
int spawn_run(const char *cmd, const char *in, size_t in_len, long timeout_ms, spawn_result *r);

#endif /* ECSKP_CLI_SPAWN_H */
