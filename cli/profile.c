/* SPDX-License-Identifier: MIT */
/* profile.c - credentials from the aliyun-cli profile file (see profile.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "ecskp/status.h"
#include "profile.h"
#include "report.h"
#include "secret.h"

/* A profile file holds a few profiles; anything this long is the wrong file. */
#define MAX_PROFILE_FILE_BYTES ((size_t)1 << 20)

/* The file's path: $ALIBABA_CLOUD_CONFIG_FILE (explicit), else ~/.aliyun/config.json. */
static int profile_path(char *out, size_t cap, int *explicit_path) {
    const char *env = getenv("ALIBABA_CLOUD_CONFIG_FILE");
    *explicit_path = env != NULL && env[0] != '\0';
    if (*explicit_path)
        return snprintf(out, cap, "%s", env) < (int)cap ? 0 : -1;
    const char *home = getenv("HOME");
    if (home == NULL || home[0] == '\0')
        return -1;
    return snprintf(out, cap, "%s/.aliyun/config.json", home) < (int)cap ? 0 : -1;
}

/* Reads the whole file through one descriptor (the one whose mode is checked). Returns 0, or
 * -1 with errno (EFBIG when larger than the limit). */
static int read_fd(int fd, char **buf, size_t *len) {
    char *b = malloc(MAX_PROFILE_FILE_BYTES + 1);
    size_t n = 0;
    if (b == NULL)
        return -1;
    for (;;) {
        ssize_t got = read(fd, b + n, MAX_PROFILE_FILE_BYTES + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || (n += (size_t)(got > 0 ? got : 0)) > MAX_PROFILE_FILE_BYTES) {
            int e = got < 0 ? errno : EFBIG;
            cli_wipe(b, n > MAX_PROFILE_FILE_BYTES ? MAX_PROFILE_FILE_BYTES + 1 : n);
            free(b);
            errno = e;
            return -1;
        }
        if (got == 0)
            break;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

/* Reads the whole file behind `fd` when it is a regular file. Returns 0 with its mode, or -1
 * with the errno value in `*err` (EINVAL when it is not a regular file). */
static int read_regular(int fd, mode_t *mode, char **buf, size_t *len, int *err) {
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *err = errno;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *err = EINVAL;
        return -1;
    }
    if (read_fd(fd, buf, len) != 0) {
        *err = errno;
        return -1;
    }
    *mode = st.st_mode;
    return 0;
}

/* Opens and reads the file; warns when group or others may read it. Returns 0,
 * CLI_PROFILE_ABSENT (no file, not required) or CLI_EXIT_USAGE (message printed). */
static int read_profile_file(const char *cmd, const char *path, int required, char **buf,
                             size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && !required)
        return CLI_PROFILE_ABSENT;
    int e = 0, failed = 1;
    mode_t mode = 0;
    if (fd < 0) {
        e = errno;
    } else {
        failed = read_regular(fd, &mode, buf, len, &e) != 0;
        (void)close(fd);
    }
    if (failed) {
        cli_usage(cmd, "cannot read the profile file %s: %s", path,
                  e == EFBIG    ? "larger than 1 MiB, not a profile file"
                  : e == EINVAL ? "not a regular file"
                                : strerror(e));
        return CLI_EXIT_USAGE;
    }
    if ((mode & (S_IRGRP | S_IROTH)) != 0) {
        char clean[600];
        cli_sanitize(path, strlen(path), clean, sizeof clean);
        (void)fprintf(stderr,
                      "ecskp: warning: %s is readable by group or others (mode %03o); it holds "
                      "secrets: chmod 600 it\n",
                      clean, (unsigned)(mode & 0777));
    }
    return 0;
}

/* Overwrites every string in the tree (the secret is one of them) before it is freed. The walk
 * is iterative, in the same order as a recursive one: `resume` holds, for each level entered,
 * the sibling to continue with once that level's children are done. The tree comes from
 * cJSON_ParseWithLength, which refuses nesting deeper than CJSON_NESTING_LIMIT containers, so
 * at most that many levels are ever entered. */
static void wipe_tree(cJSON *root) {
    cJSON *resume[CJSON_NESTING_LIMIT];
    size_t depth = 0;
    cJSON *node = root;
    while (node != NULL) {
        if (node->valuestring != NULL)
            cli_wipe(node->valuestring, strlen(node->valuestring));
        if (node->child != NULL && depth < sizeof resume / sizeof resume[0]) {
            resume[depth++] = node->next;
            node = node->child;
            continue;
        }
        node = node->next;
        while (node == NULL && depth > 0)
            node = resume[--depth];
    }
}

/* A copy of the string member `name` of `obj`, or NULL when absent or empty. */
static char *member(const cJSON *obj, const char *name, int *oom) {
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, name));
    if (v == NULL || v[0] == '\0')
        return NULL;
    char *copy = strdup(v);
    if (copy == NULL)
        *oom = 1;
    return copy;
}

static int profile_refuse(ecskp_status st, const char *what, const char *name, const char *path) {
    return cli_refuse_msg(st,
                          "profile '%s' of %s %s; fix it with 'aliyun configure --profile %s', "
                          "or choose another with --profile",
                          name, path, what, name);
}

/* The profile called `name` in the array `profiles`, or NULL. */
static const cJSON *find_profile(const cJSON *profiles, const char *name) {
    const cJSON *p;
    cJSON_ArrayForEach(p, profiles) {
        const char *n = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "name"));
        if (n != NULL && strcmp(n, name) == 0)
            return p;
    }
    return NULL;
}

/* Copies the credentials of profile `p` into `c` by its mode. Returns 0 or an exit status. */
static int take_profile(const cJSON *p, const char *name, const char *path, cli_creds *c) {
    const char *mode = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "mode"));
    int sts = mode != NULL && strcmp(mode, "StsToken") == 0;
    if (mode == NULL || (!sts && strcmp(mode, "AK") != 0)) {
        char what[160], clean[64];
        cli_sanitize(mode != NULL ? mode : "", mode != NULL ? strlen(mode) : 0, clean,
                     sizeof clean);
        (void)snprintf(what, sizeof what,
                       mode != NULL ? "has mode '%s', which ecskp does not read (only AK and "
                                      "StsToken)"
                                    : "has no mode%s (AK or StsToken)",
                       clean);
        return profile_refuse(ECSKP_ERR_INVALID_ARGUMENT, what, name, path);
    }
    int oom = 0;
    c->access_key_id = member(p, "access_key_id", &oom);
    c->secret = member(p, "access_key_secret", &oom);
    c->security_token = sts ? member(p, "sts_token", &oom) : NULL;
    c->region_id = member(p, "region_id", &oom);
    if (oom)
        return cli_refuse_msg(ECSKP_ERR_OUT_OF_MEMORY, "no memory for the profile");
    if (c->secret != NULL)
        c->secret_len = c->secret_held = strlen(c->secret);
    if (c->access_key_id == NULL)
        return profile_refuse(ECSKP_ERR_MISSING_PARAMETER, "has no access_key_id", name, path);
    if (c->secret == NULL)
        return profile_refuse(ECSKP_ERR_MISSING_SECRET, "has no access_key_secret", name, path);
    if (sts && c->security_token == NULL)
        return profile_refuse(ECSKP_ERR_MISSING_PARAMETER, "(mode StsToken) has no sts_token", name,
                              path);
    (void)snprintf(c->source, sizeof c->source, "profile '%.40s' of %.100s", name, path);
    return 0;
}

/* Picks the profile from the parsed file. Returns 0 or an exit status. */
static int pick(const cJSON *root, const char *name, const char *path, cli_creds *c) {
    const cJSON *profiles = cJSON_GetObjectItemCaseSensitive(root, "profiles");
    if (!cJSON_IsObject(root) || !cJSON_IsArray(profiles))
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "the profile file %s has no \"profiles\" array; it is not an "
                              "aliyun-cli config.json (set ALIBABA_CLOUD_CONFIG_FILE to the "
                              "right file)",
                              path);
    const char *env = getenv("ALIBABA_CLOUD_PROFILE");
    const char *current = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "current"));
    if (name == NULL)
        name = env != NULL && env[0] != '\0'           ? env
               : current != NULL && current[0] != '\0' ? current
                                                       : "default";
    const cJSON *p = find_profile(profiles, name);
    if (p == NULL) {
        char clean[64];
        cli_sanitize(name, strlen(name), clean, sizeof clean);
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "there is no profile '%s' in %s; name one with --profile NAME "
                              "('aliyun configure list' shows them)",
                              clean, path);
    }
    return take_profile(p, name, path, c);
}

int cli_profile_load(const char *cmd, const char *name, int required, cli_creds *c) {
    char path[512];
    int explicit_path = 0;
    if (profile_path(path, sizeof path, &explicit_path) != 0) {
        if (!required)
            return CLI_PROFILE_ABSENT;
        cli_usage(cmd, "--profile needs the profile file: set HOME or ALIBABA_CLOUD_CONFIG_FILE");
        return CLI_EXIT_USAGE;
    }
    char *text = NULL;
    size_t len = 0;
    int rc = read_profile_file(cmd, path, required || explicit_path, &text, &len);
    if (rc != 0)
        return rc;
    cJSON *root = cJSON_ParseWithLength(text, len);
    cli_wipe(text, len);
    free(text);
    if (root == NULL)
        return cli_refuse_msg(ECSKP_ERR_INVALID_ARGUMENT,
                              "the profile file %s is not valid JSON; fix it or set "
                              "ALIBABA_CLOUD_CONFIG_FILE to another file",
                              path);
    rc = pick(root, name, path, c);
    wipe_tree(root);
    cJSON_Delete(root);
    return rc;
}
