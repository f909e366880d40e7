/* SPDX-License-Identifier: MIT */
/* spawn.c - adapter processes with a deadline: one per case, or one persistent process. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "input.h"
#include "spawn.h"

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void close_fd(int *fd) {
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

static int cloexec_pipe(int p[2]) {
    if (pipe(p) != 0)
        return -1;
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

static void close_pipe(int p[2]) {
    close_fd(&p[0]);
    close_fd(&p[1]);
}

static _Noreturn void child(const char *cmd, int persistent, int in[2], int out[2], int err[2]) {
    /* Its own process group, so that a timeout kills the shell and everything it started. */
    setpgid(0, 0);
    (void)signal(SIGPIPE, SIG_DFL);
    /* The runner is one thread, so the environment may be changed between fork and exec. */
    if (persistent ? setenv("CONFORMANCE_PERSISTENT", "1", 1) != 0
                   : unsetenv("CONFORMANCE_PERSISTENT") != 0)
        _exit(127);
    if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0)
        _exit(127);
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
}

/* Reads what fd has into `to` (or drops it: `to` NULL). Returns 0 at end of file (or on an
 * error), 1 otherwise. */
static int drain(int fd, spawn_buf *to) {
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 1 : 0;
    if (n == 0)
        return 0;
    /* Out of memory counts as too much output. */
    if (to != NULL && cli_bytes_add(&to->buf, &to->len, &to->cap, to->max, chunk, (size_t)n) != 0)
        to->overflow = 1;
    return 1;
}

static void kill_group(pid_t pid) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

/*
 * Starts `cmd` (child() above) in a new process group with pipes on its standard input, output
 * and error: io gets our ends of them, in that order, non-blocking. Returns the pid, or -1 when
 * no pipe or no process could be had (errno set, nothing left open).
 */
static pid_t start(const char *cmd, int persistent, int io[3]) {
    int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
    pid_t pid = -1;
    if (cloexec_pipe(pin) == 0 && cloexec_pipe(pout) == 0 && cloexec_pipe(perr) == 0)
        pid = fork();
    if (pid == 0)
        child(cmd, persistent, pin, pout, perr);
    if (pid < 0) {
        int e = errno;
        close_pipe(pin);
        close_pipe(pout);
        close_pipe(perr);
        errno = e;
        return -1;
    }
    setpgid(pid, pid); /* also here: whichever runs first, the group exists before any kill */
    close_fd(&pin[0]);
    close_fd(&pout[1]);
    close_fd(&perr[1]);
    io[0] = pin[1];
    io[1] = pout[0];
    io[2] = perr[0];
    for (int i = 0; i < 3; i++)
        fcntl(io[i], F_SETFL, O_NONBLOCK);
    return pid;
}

/* ---- serving the pipes of a process --------------------------------------------------------- */

/* A pipe that a poll round serves: our end of the process's standard input, written from
 * `data`, or of one of its outputs, read into `to` (dropped when `to` is NULL). */
typedef struct chan {
    int *fd;          /* -1 when closed: no longer polled */
    short events;     /* POLLOUT: the input; POLLIN: an output */
    const char *data; /* the input: len bytes, `done` of them written so far */
    size_t len, done;
    spawn_buf *to;
} chan;

/* The most pipes a process has: standard input, output and error. */
#define MAX_CHANS 3

/* Writes to the input what the pipe takes. A process may close its input early (EPIPE): the
 * pipe is then closed here too, as if all was written; its output says how it ends. */
static void feed(chan *c) {
    ssize_t w = write(*c->fd, c->data + c->done, c->len - c->done);
    if (w > 0) {
        c->done += (size_t)w;
    } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
        close_fd(c->fd);
        c->done = c->len;
    }
}

/* One poll of the open pipes (an input only while some of it is unwritten), for at most a
 * second and never past the deadline, then the ready ones served; an output is closed at its
 * end. Returns 1 after a round (an interrupted poll too), 0 when the deadline has passed
 * (nothing polled), -1 when poll failed. */
static int poll_round(chan *c, size_t n, long deadline) {
    long left = deadline - now_ms();
    if (left <= 0)
        return 0;
    struct pollfd fds[MAX_CHANS];
    chan *owner[MAX_CHANS];
    nfds_t k = 0;
    for (size_t i = 0; i < n && k < MAX_CHANS; i++) {
        if (*c[i].fd >= 0 && (c[i].events == POLLIN || c[i].done < c[i].len)) {
            fds[k] = (struct pollfd){*c[i].fd, c[i].events, 0};
            owner[k++] = &c[i];
        }
    }
    int rc = poll(fds, k, (int)(left > 1000 ? 1000 : left));
    if (rc < 0 && errno != EINTR)
        return -1;
    for (nfds_t i = 0; rc > 0 && i < k; i++) {
        if (fds[i].revents == 0)
            continue;
        if (owner[i]->events == POLLOUT)
            feed(owner[i]);
        else if (!drain(*owner[i]->fd, owner[i]->to))
            close_fd(owner[i]->fd);
    }
    return 1;
}

/* Serves the pipes until every output has closed, the deadline passes (r->timed_out), poll
 * fails, or `limit` (when not NULL) got too much (r->too_much). An input is closed once all of
 * it is written: the process sees the end of its input. */
static void pump(chan *c, size_t n, long deadline, const spawn_buf *limit, spawn_result *r) {
    for (;;) {
        int reading = 0; /* an output is still open */
        for (size_t i = 0; i < n; i++) {
            if (c[i].events == POLLOUT && c[i].done == c[i].len)
                close_fd(c[i].fd);
            reading |= c[i].events == POLLIN && *c[i].fd >= 0;
        }
        if (!reading)
            return;
        int rc = poll_round(c, n, deadline);
        if (rc == 0)
            r->timed_out = 1;
        if (rc <= 0)
            return;
        if (limit != NULL && limit->overflow) {
            r->too_much = 1;
            return;
        }
    }
}

/* Both outputs are closed: the process has ended or is about to. Waits for it, still within
 * the deadline (then the group is killed); returns its wait status (0 when it cannot be had). */
static int reap(pid_t pid, long deadline, spawn_result *r) {
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            status = 0;
            break;
        }
        if (now_ms() >= deadline) {
            r->timed_out = 1;
            kill_group(pid);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        struct timespec ts = {0, 2L * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return status;
}

/* How a reaped process ended, into r. */
static void ended_as(int status, spawn_result *r) {
    if (WIFEXITED(status)) {
        r->exited = 1;
        r->exit_status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        r->signal = WTERMSIG(status);
    }
}

int spawn_run(const char *cmd, const char *in, size_t in_len, long timeout_ms, spawn_result *r) {
    memset(r, 0, sizeof *r);
    spawn_buf out = {malloc(4096), 0, 4096, SPAWN_MAX_OUTPUT, 0};
    spawn_buf err = {malloc(1024), 0, 1024, SPAWN_MAX_STDERR, 0};
    int io[3] = {-1, -1, -1};
    pid_t pid = -1;
    if (out.buf != NULL && err.buf != NULL) {
        out.buf[0] = err.buf[0] = '\0';
        pid = start(cmd, 0, io);
    }
    if (pid < 0) { /* no buffer, no pipe or no process */
        int e = errno;
        free(out.buf);
        free(err.buf);
        errno = e;
        return -1;
    }
    long deadline = now_ms() + timeout_ms;
    chan c[3] = {{&io[0], POLLOUT, in, in_len, 0, NULL},
                 {&io[1], POLLIN, NULL, 0, 0, &out},
                 {&io[2], POLLIN, NULL, 0, 0, &err}};
    pump(c, 3, deadline, &out, r);
    for (int i = 0; i < 3; i++)
        close_fd(&io[i]);
    if (r->timed_out || r->too_much)
        kill_group(pid);
    ended_as(reap(pid, deadline, r), r);
    r->out = out.buf;
    r->out_len = out.len;
    memcpy(r->err, err.buf, err.len + 1);
    r->err_len = err.len;
    free(err.buf);
    return 0;
}

/* ---- persistent processes ---------------------------------------------------------------- */

void spawn_proc_init(spawn_proc *p) {
    memset(p, 0, sizeof *p);
    p->in = p->out = p->err = -1;
    p->unread.max = SPAWN_MAX_OUTPUT;
}

static void proc_close(spawn_proc *p) {
    close_fd(&p->in);
    close_fd(&p->out);
    close_fd(&p->err);
    free(p->unread.buf);
    p->unread.buf = NULL;
    p->unread.len = p->unread.cap = 0;
    p->unread.overflow = 0;
    p->pid = 0;
}

int spawn_start(const char *cmd, spawn_proc *p) {
    spawn_proc_init(p);
    int io[3] = {-1, -1, -1};
    pid_t pid = start(cmd, 1, io);
    if (pid < 0)
        return -1;
    p->pid = pid;
    p->in = io[0];
    p->out = io[1];
    p->err = io[2];
    return 0;
}

void spawn_stop(spawn_proc *p) {
    if (p->pid > 0) {
        kill_group(p->pid);
        while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR) {
        }
    }
    proc_close(p);
}

/* The process has ended or is ending: waits for it within the deadline (past it the group is
 * killed: r->timed_out), says how it ended into r unless it was killed so, kills what it left
 * behind in its group and closes p. */
static void proc_end(spawn_proc *p, long deadline, spawn_result *r) {
    int status = reap(p->pid, deadline, r);
    if (!r->timed_out)
        ended_as(status, r);
    kill(-p->pid, SIGKILL); /* what it left behind in its group */
    proc_close(p);
}

int spawn_ended(spawn_proc *p, spawn_result *r) {
    memset(r, 0, sizeof *r);
    int status = 0;
    if (p->pid <= 0 || waitpid(p->pid, &status, WNOHANG) != p->pid)
        return 0;
    ended_as(status, r);
    kill(-p->pid, SIGKILL); /* what it left behind in its group */
    proc_close(p);
    return 1;
}

/* The first LF in the unread output, or NULL. */
static char *line_end(const spawn_proc *p) {
    return p->unread.len > 0 ? memchr(p->unread.buf, '\n', p->unread.len) : NULL;
}

/* Takes the first line of the unread output (through `nl`) as the answer. */
static int take_line(spawn_proc *p, char *nl, spawn_result *r) {
    spawn_buf *u = &p->unread;
    size_t n = (size_t)(nl - u->buf);
    r->out = malloc(n + 1);
    if (r->out == NULL)
        return -1;
    memcpy(r->out, u->buf, n);
    r->out[n] = '\0';
    r->out_len = n;
    u->len -= n + 1;
    memmove(u->buf, nl + 1, u->len);
    u->buf[u->len] = '\0';
    return 0;
}

/* Drops what standard error holds from before this request (logs of earlier cases), so that
 * a failure shows what the adapter wrote while answering this one. */
static void discard_pending(int *fd) {
    char chunk[65536];
    while (*fd >= 0) {
        ssize_t n = read(*fd, chunk, sizeof chunk);
        if (n == 0)
            close_fd(fd);
        else if (n < 0 && errno != EINTR)
            return; /* EAGAIN: nothing more */
    }
}

/* Is standard output waiting: read past the last answer line, or readable now (a zero
 * timeout)? What is read is kept in the unread output. Its end is not output. */
static int output_waiting(spawn_proc *p) {
    if (p->unread.len == 0 && p->out >= 0) {
        struct pollfd fd = {p->out, POLLIN, 0};
        if (poll(&fd, 1, 0) > 0)
            (void)drain(p->out, &p->unread);
    }
    return p->unread.len > 0;
}

/* The exchange failed: the process is killed (or has ended) and reaped, r says how. When it
 * ended on its own, what it still writes to standard error (until it closes, or the deadline)
 * goes to `err`. */
static void exchange_failed(spawn_proc *p, long deadline, spawn_buf *err, spawn_result *r) {
    if (r->timed_out || r->too_much || r->early || r->extra) {
        spawn_stop(p);
        return;
    }
    chan c = {&p->err, POLLIN, NULL, 0, 0, err};
    while (p->err >= 0 && poll_round(&c, 1, deadline) > 0) {
    }
    proc_end(p, deadline, r);
}

int spawn_exchange(spawn_proc *p, const char *line, size_t len, long timeout_ms, spawn_result *r) {
    memset(r, 0, sizeof *r);
    spawn_buf err = {NULL, 0, 0, SPAWN_MAX_STDERR, 0};
    long deadline = now_ms() + timeout_ms;
    chan c[3] = {{&p->in, POLLOUT, line, len, 0, NULL},
                 {&p->out, POLLIN, NULL, 0, 0, &p->unread},
                 {&p->err, POLLIN, NULL, 0, 0, &err}};
    int rc = -1;
    p->unread.overflow = 0;
    discard_pending(&p->err);
    /* Output before the request is no answer to it. */
    r->early = output_waiting(p);
    while (!r->early) {
        char *nl = line_end(p);
        if (nl != NULL && c[0].done == len) {
            rc = take_line(p, nl, r);
            if (rc != 0) {
                r->too_much = 1; /* out of memory counts as too much output */
            } else if (output_waiting(p)) {
                r->extra = 1; /* more than one line for one request */
                free(r->out);
                r->out = NULL;
                r->out_len = 0;
                rc = -1;
            }
            break;
        }
        /* Too much output, or the end of it (p->out closed) with no answer line. */
        if (r->too_much || (p->out < 0 && nl == NULL))
            break;
        int pr = poll_round(c, 3, deadline);
        if (pr == 0)
            r->timed_out = 1;
        if (pr <= 0)
            break; /* a failed poll is taken for an ended process */
        r->too_much = p->unread.overflow;
    }
    if (rc != 0)
        exchange_failed(p, deadline, &err, r);
    if (err.buf != NULL)
        memcpy(r->err, err.buf, err.len + 1);
    r->err_len = err.len;
    free(err.buf);
    return rc;
}

void spawn_finish(spawn_proc *p, long timeout_ms, spawn_result *r) {
    memset(r, 0, sizeof *r);
    if (p->pid <= 0) {
        proc_close(p);
        return;
    }
    close_fd(&p->in);
    long deadline = now_ms() + timeout_ms;
    /* What it still writes is dropped. */
    chan c[2] = {{&p->out, POLLIN, NULL, 0, 0, NULL}, {&p->err, POLLIN, NULL, 0, 0, NULL}};
    pump(c, 2, deadline, NULL, r);
    if (r->timed_out)
        kill_group(p->pid);
    proc_end(p, deadline, r);
}
