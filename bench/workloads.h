/* SPDX-License-Identifier: MIT */
/* workloads.h - the benchmark's workload groups. Each fills `out` (room for `cap` cases) and
 * returns the number of cases added, or -1 when its fixtures could not be built (a message
 * goes to stderr). */
#ifndef ECSKP_BENCH_WORKLOADS_H
#define ECSKP_BENCH_WORKLOADS_H

#include <stddef.h>

#include "bench.h"

/* query50, sign50 and their alternative baselines. */
int bench_request_cases(bench_case *out, size_t cap);
/* json50, xml50 and the documented error bodies in both formats. */
int bench_decode_cases(bench_case *out, size_t cap);

/* The 50 instance IDs every workload uses (deterministic, `i-` + 20 lower-case alphanumerics),
 * in the order a client would send them. */
#define BENCH_IDS 50
const char *const *bench_instance_ids(void);

#endif /* ECSKP_BENCH_WORKLOADS_H */
