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

/* A growing byte buffer that keeps at most `max` bytes. */
typedef struct sink {
    char *buf;
    size_t len, cap, max;
    int overflow; /* more than max bytes arrived */
} sink;

/* Reads what fd has into the sink. Returns 0 at end of file (or on error), 1 otherwise. */
static int drain(int fd, sink *s) {
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 1 : 0;
    if (n == 0)
        return 0;
    /* Out of memory counts as too much output. */
    if (cli_bytes_add(&s->buf, &s->len, &s->cap, s->max, chunk, (size_t)n) != 0)
        s->overflow = 1;
    return 1;
}

static void kill_group(pid_t pid) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

/* Writes `in` to the process and reads its outputs until both close, the deadline passes
 * (r->timed_out) or the output is too much (r->too_much). */
static void pump(int pin[2], int pout[2], int perr[2], const char *in, size_t in_len, long deadline,
                 sink *out, sink *err, spawn_result *r) {
    size_t written = 0;
    if (in_len == 0)
        close_fd(&pin[1]);
    while (pout[0] >= 0 || perr[0] >= 0) {
        long left = deadline - now_ms();
        if (left <= 0) {
            r->timed_out = 1;
            break;
        }
        struct pollfd fds[3];
        int *owner[3];
        nfds_t n = 0;
        if (pin[1] >= 0) {
            fds[n] = (struct pollfd){pin[1], POLLOUT, 0};
            owner[n++] = &pin[1];
        }
        if (pout[0] >= 0) {
            fds[n] = (struct pollfd){pout[0], POLLIN, 0};
            owner[n++] = &pout[0];
        }
        if (perr[0] >= 0) {
            fds[n] = (struct pollfd){perr[0], POLLIN, 0};
            owner[n++] = &perr[0];
        }
        int rc = poll(fds, n, (int)(left > 1000 ? 1000 : left));
        if (rc < 0 && errno != EINTR)
            break;
        for (nfds_t i = 0; rc > 0 && i < n; i++) {
            if (fds[i].revents == 0)
                continue;
            if (owner[i] == &pin[1]) {
                ssize_t w = write(pin[1], in + written, in_len - written);
                if (w > 0)
                    written += (size_t)w;
                /* An adapter may close its input early (EPIPE): it answers or fails alone. */
                if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == in_len)
                    close_fd(&pin[1]);
            } else if (owner[i] == &pout[0]) {
                if (!drain(pout[0], out))
                    close_fd(&pout[0]);
            } else if (!drain(perr[0], err)) {
                close_fd(&perr[0]);
            }
        }
        if (out->overflow) {
            r->too_much = 1;
            break;
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

int spawn_run(const char *cmd, const char *in, size_t in_len, long timeout_ms, spawn_result *r) {
    memset(r, 0, sizeof *r);
    int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
    sink out = {malloc(4096), 0, 4096, SPAWN_MAX_OUTPUT, 0};
    sink err = {malloc(1024), 0, 1024, SPAWN_MAX_STDERR, 0};
    pid_t pid = -1;
    if (out.buf != NULL && err.buf != NULL && cloexec_pipe(pin) == 0 && cloexec_pipe(pout) == 0 &&
        cloexec_pipe(perr) == 0) {
        out.buf[0] = err.buf[0] = '\0';
        pid = fork();
    }
    if (pid == 0)
        child(cmd, 0, pin, pout, perr);
    if (pid < 0) { /* no buffer, no pipe or no process */
        int e = errno;
        free(out.buf);
        free(err.buf);
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
    fcntl(pin[1], F_SETFL, O_NONBLOCK);
    fcntl(pout[0], F_SETFL, O_NONBLOCK);
    fcntl(perr[0], F_SETFL, O_NONBLOCK);

    long deadline = now_ms() + timeout_ms;
    pump(pin, pout, perr, in, in_len, deadline, &out, &err, r);
    close_fd(&pin[1]);
    close_fd(&pout[0]);
    close_fd(&perr[0]);
    if (r->timed_out || r->too_much)
        kill_group(pid);
    int status = reap(pid, deadline, r);
    if (WIFEXITED(status)) {
        r->exited = 1;
        r->exit_status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        r->signal = WTERMSIG(status);
    }
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
}

static void proc_close(spawn_proc *p) {
    close_fd(&p->in);
    close_fd(&p->out);
    close_fd(&p->err);
    free(p->buf);
    p->buf = NULL;
    p->len = p->cap = 0;
    p->pid = 0;
}

int spawn_start(const char *cmd, spawn_proc *p) {
    spawn_proc_init(p);
    int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
    pid_t pid = -1;
    if (cloexec_pipe(pin) == 0 && cloexec_pipe(pout) == 0 && cloexec_pipe(perr) == 0)
        pid = fork();
    if (pid == 0)
        child(cmd, 1, pin, pout, perr);
    if (pid < 0) {
        int e = errno;
        close_pipe(pin);
        close_pipe(pout);
        close_pipe(perr);
        errno = e;
        return -1;
    }
    setpgid(pid, pid);
    close_fd(&pin[0]);
    close_fd(&pout[1]);
    close_fd(&perr[1]);
    fcntl(pin[1], F_SETFL, O_NONBLOCK);
    fcntl(pout[0], F_SETFL, O_NONBLOCK);
    fcntl(perr[0], F_SETFL, O_NONBLOCK);
    p->pid = pid;
    p->in = pin[1];
    p->out = pout[0];
    p->err = perr[0];
    return 0;
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

void spawn_stop(spawn_proc *p) {
    if (p->pid > 0) {
        kill_group(p->pid);
        while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR) {
        }
    }
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
    return p->len > 0 ? memchr(p->buf, '\n', p->len) : NULL;
}

/* Takes the first line of the unread output (through `nl`) as the answer. */
static int take_line(spawn_proc *p, char *nl, spawn_result *r) {
    size_t n = (size_t)(nl - p->buf);
    r->out = malloc(n + 1);
    if (r->out == NULL)
        return -1;
    memcpy(r->out, p->buf, n);
    r->out[n] = '\0';
    r->out_len = n;
    p->len -= n + 1;
    memmove(p->buf, nl + 1, p->len);
    p->buf[p->len] = '\0';
    return 0;
}

/* Reads what the output pipe has into p->buf. Returns 0 at end of file (or on an error),
 * 1 otherwise; sets r->too_much when the unread output passes SPAWN_MAX_OUTPUT. */
static int drain_out(spawn_proc *p, spawn_result *r) {
    char chunk[65536];
    ssize_t n = read(p->out, chunk, sizeof chunk);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 1 : 0;
    if (n == 0)
        return 0;
    if (cli_bytes_add(&p->buf, &p->len, &p->cap, SPAWN_MAX_OUTPUT, chunk, (size_t)n) != 0)
        r->too_much = 1;
    return 1;
}

/* Reads and drops what fd has. Returns 0 at end of file (or on an error), 1 otherwise. */
static int discard(int fd) {
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 1 : 0;
    return n > 0;
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

/* Standard error while the process ends: read until it closes or the deadline passes. */
static void drain_err_until(int *fd, sink *err, long deadline) {
    while (*fd >= 0) {
        long left = deadline - now_ms();
        if (left <= 0)
            return;
        struct pollfd pf = {*fd, POLLIN, 0};
        int rc = poll(&pf, 1, (int)(left > 1000 ? 1000 : left));
        if (rc < 0 && errno != EINTR)
            return;
        if (rc > 0 && !drain(*fd, err))
            close_fd(fd);
    }
}

/* The exchange failed: the process is killed (or has ended) and reaped, r says how. */
static int exchange_failed(spawn_proc *p, int eof, long deadline, sink *err, spawn_result *r) {
    if (eof && !r->timed_out && !r->too_much) {
        drain_err_until(&p->err, err, deadline);
        int status = reap(p->pid, deadline, r);
        if (!r->timed_out)
            ended_as(status, r);
        kill(-p->pid, SIGKILL); /* what it left behind in its group */
        proc_close(p);
    } else {
        spawn_stop(p);
    }
    return -1;
}

int spawn_exchange(spawn_proc *p, const char *line, size_t len, long timeout_ms, spawn_result *r) {
    memset(r, 0, sizeof *r);
    sink err = {NULL, 0, 0, SPAWN_MAX_STDERR, 0};
    long deadline = now_ms() + timeout_ms;
    size_t written = 0;
    int eof = 0, rc = -1;
    discard_pending(&p->err);
    for (;;) {
        char *nl = line_end(p);
        if (nl != NULL && written == len) {
            rc = take_line(p, nl, r);
            if (rc != 0)
                r->too_much = 1; /* out of memory counts as too much output */
            break;
        }
        if (r->too_much)
            break;
        long left = deadline - now_ms();
        if (left <= 0) {
            r->timed_out = 1;
            break;
        }
        struct pollfd fds[3];
        nfds_t n = 0;
        if (p->in >= 0 && written < len)
            fds[n++] = (struct pollfd){p->in, POLLOUT, 0};
        if (!eof)
            fds[n++] = (struct pollfd){p->out, POLLIN, 0};
        if (p->err >= 0)
            fds[n++] = (struct pollfd){p->err, POLLIN, 0};
        int prc = poll(fds, n, (int)(left > 1000 ? 1000 : left));
        if (prc < 0 && errno != EINTR)
            break;
        for (nfds_t i = 0; prc > 0 && i < n; i++) {
            if (fds[i].revents == 0)
                continue;
            if (fds[i].fd == p->in) {
                ssize_t w = write(p->in, line + written, len - written);
                if (w > 0)
                    written += (size_t)w;
                /* A closed input (EPIPE): the process is ending; its output says how. */
                if (w < 0 && errno != EAGAIN && errno != EINTR) {
                    close_fd(&p->in);
                    written = len;
                }
            } else if (fds[i].fd == p->out && !eof) {
                if (!drain_out(p, r))
                    eof = 1;
            } else if (!drain(p->err, &err)) {
                close_fd(&p->err);
            }
        }
        if (eof && line_end(p) == NULL)
            break;
    }
    if (rc != 0) {
        if (!r->timed_out && !r->too_much)
            eof = 1; /* a poll failure is treated as an ended process */
        exchange_failed(p, eof, deadline, &err, r);
    }
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
    while (p->out >= 0 || p->err >= 0) {
        long left = deadline - now_ms();
        if (left <= 0) {
            r->timed_out = 1;
            break;
        }
        struct pollfd fds[2];
        int *owner[2];
        nfds_t n = 0;
        if (p->out >= 0) {
            fds[n] = (struct pollfd){p->out, POLLIN, 0};
            owner[n++] = &p->out;
        }
        if (p->err >= 0) {
            fds[n] = (struct pollfd){p->err, POLLIN, 0};
            owner[n++] = &p->err;
        }
        int rc = poll(fds, n, (int)(left > 1000 ? 1000 : left));
        if (rc < 0 && errno != EINTR)
            break;
        for (nfds_t i = 0; rc > 0 && i < n; i++)
            if (fds[i].revents != 0 && !discard(*owner[i]))
                close_fd(owner[i]);
    }
    if (r->timed_out)
        kill_group(p->pid);
    int status = reap(p->pid, deadline, r);
    if (!r->timed_out)
        ended_as(status, r);
    kill(-p->pid, SIGKILL);
    proc_close(p);
}
