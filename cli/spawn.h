/* SPDX-License-Identifier: MIT */
/*
 * spawn.h - running adapter processes: `/bin/sh -c CMD` with pipes on standard input, output
 * and error, a deadline, and the whole process group killed when it passes. One-shot: one
 * process per request (spawn_run). Persistent: one process answering one line per request
 * line (spawn_start, spawn_exchange, spawn_finish), started with CONFORMANCE_PERSISTENT=1.
 */
#ifndef ECSKP_CLI_SPAWN_H
#define ECSKP_CLI_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

/* Most output kept from one run; more is a failure of the case (and ends the process). */
#define SPAWN_MAX_OUTPUT ((size_t)16 << 20)
/* Standard error is kept only for the failure line. */
#define SPAWN_MAX_STDERR ((size_t)4096)

typedef struct spawn_result {
    char *out; /* standard output (persistent: the answer line without its LF), NUL-terminated
                  (never NULL after spawn_run or spawn_exchange returns 0) */
    size_t out_len;
    char err[SPAWN_MAX_STDERR + 1]; /* the start of standard error, NUL-terminated */
    size_t err_len;
    int exited; /* 1 when the process exited; exit_status is then valid */
    int exit_status;
    int signal;    /* the signal that ended it, or 0 */
    int timed_out; /* 1 when the deadline passed and the group was killed */
    int too_much;  /* 1 when the output exceeded SPAWN_MAX_OUTPUT */
    int early;     /* persistent: 1 when output was waiting before the request was written */
    int extra;     /* persistent: 1 when more output came with the answer line than that line */
} spawn_result;

/*
 * Runs `cmd` through /bin/sh -c in a new process group (CONFORMANCE_PERSISTENT removed from
 * its environment), writes `in` to its standard input and closes it, collects standard output
 * and error until both close and the process ends, or until `timeout_ms` passes (then the
 * group gets SIGKILL). Returns 0, or -1 when the process could not be started (errno set);
 * free r->out with free().
 */
int spawn_run(const char *cmd, const char *in, size_t in_len, long timeout_ms, spawn_result *r);

/* Bytes read from a pipe: at most `max` are kept (NUL-terminated once any came); overflow is
 * set when more arrived, or when no memory could be had for them. */
typedef struct spawn_buf {
    char *buf;
    size_t len, cap, max;
    int overflow;
} spawn_buf;

/* A persistent adapter process. pid 0: none (never started, or ended). */
typedef struct spawn_proc {
    pid_t pid;
    int in, out, err; /* our ends of its pipes, -1 when closed */
    spawn_buf unread; /* standard output read past the last answer line (max SPAWN_MAX_OUTPUT) */
} spawn_proc;

/* A spawn_proc with no process. */
void spawn_proc_init(spawn_proc *p);

/*
 * Starts `cmd` through /bin/sh -c in a new process group with CONFORMANCE_PERSISTENT=1 in its
 * environment. Returns 0, or -1 when it could not be started (errno set; p has no process).
 */
int spawn_start(const char *cmd, spawn_proc *p);

/*
 * Writes `line` (len bytes, ending in LF) to the process and reads its standard output up to
 * the next LF, within `timeout_ms`. An adapter writes exactly one line per request and nothing
 * else: standard output is checked with a zero timeout before the line is written (r->early
 * when output is waiting; the line is not written) and after the answer line was read
 * (r->extra when more of it is already read or readable). Returns 0 with r->out the answer
 * line (without the LF), or -1 when no single answer line came: r says why (timed_out,
 * too_much, early, extra, or exited / signal: the process ended first; r->err holds the start
 * of what it wrote to standard error meanwhile). After -1 the process group has been killed
 * and reaped: p has no process. Free r->out with free().
 */
int spawn_exchange(spawn_proc *p, const char *line, size_t len, long timeout_ms, spawn_result *r);

/* Has the process ended on its own (between two requests)? Reaps it (p has no process then)
 * and fills r with how it ended. Returns 1 when it had, 0 when it still runs. */
int spawn_ended(spawn_proc *p, spawn_result *r);

/* Kills the process group and reaps the process; p has no process afterwards. */
void spawn_stop(spawn_proc *p);

/*
 * The end of a persistent process: closes its standard input and waits up to `timeout_ms`
 * for it to exit, discarding what it still writes; past the deadline the group is killed
 * (r->timed_out). r tells how it ended (r->out is NULL). p has no process afterwards.
 */
void spawn_finish(spawn_proc *p, long timeout_ms, spawn_result *r);

#endif /* ECSKP_CLI_SPAWN_H */
