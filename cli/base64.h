/*
 * base64.h - standard Base64 (RFC 4648, alphabet A-Z a-z 0-9 + /, `=` padding), which the
 * adapter protocol uses to carry raw bytes (bodies, InstanceIds texts) inside JSON.
 */
#ifndef ECSKP_CLI_BASE64_H
#define ECSKP_CLI_BASE64_H

#include <stddef.h>

/* Encodes `len` bytes into a new NUL-terminated string; NULL when out of memory. */
char *b64_encode(const void *data, size_t len);

/* Decodes padded Base64 text (no white space) into a new buffer (*out, with a NUL after the
 * data, freed by the caller). Returns 0, or -1 for text that is not canonical padded Base64
 * or when out of memory (*out NULL). */
int b64_decode(const char *text, size_t len, unsigned char **out, size_t *out_len);

#endif /* ECSKP_CLI_BASE64_H */
