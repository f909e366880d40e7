/* SPDX-License-Identifier: MIT */
/* spawn.c - one adapter process per case, with a deadline. */
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

static _Noreturn void child(const char *cmd, int in[2], int out[2], int err[2]) {
    /* Its own process group, so that a timeout kills the shell and everything it started. */
    setpgid(0, 0);
    (void)signal(SIGPIPE, SIG_DFL);
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
        child(cmd, pin, pout, perr);
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
