/* SPDX-License-Identifier: MIT */
/* peak_scan.h - peak heap of ecskp_response_decode() against body size (see peak_scan.c). */
#ifndef ECSKP_BENCH_PEAK_SCAN_H
#define ECSKP_BENCH_PEAK_SCAN_H

/* Prints a table of body size, peak heap and allocations for growing bodies in both
 * formats. Returns 0 on success. */
int bench_peak_by_size(void);

#endif /* ECSKP_BENCH_PEAK_SCAN_H */
