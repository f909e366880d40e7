/*
 * ecskp/ecskp.h - the whole public API of ecskp, a codec for the Alibaba Cloud ECS key-pair
 * operations AttachKeyPair and DetachKeyPair.
 *
 *   ecskp/version.h  ECSKP_VERSION_* and ecskp_version()
 *   ecskp/status.h   the status type, its stable names, diagnostics
 *   ecskp/alloc.h    caller-supplied allocators
 *   ecskp/encode.h   canonical query strings, InstanceIds, the typed request
 *   ecskp/sign.h     signature version 1.0 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256)
 *   ecskp/errors.h   the documented error codes, categories, retry advice, StringToSign diagnosis
 *   ecskp/decode.h   response and error decoding
 *
 * The library has no global state of its own and needs no initialisation call. See each
 * header for ownership, allocation and thread-safety.
 */
#ifndef ECSKP_ECSKP_H
#define ECSKP_ECSKP_H

#include "ecskp/version.h"
#include "ecskp/status.h"
#include "ecskp/alloc.h"
#include "ecskp/encode.h"
#include "ecskp/sign.h"
#include "ecskp/errors.h"
#include "ecskp/decode.h"

#endif /* ECSKP_ECSKP_H */
