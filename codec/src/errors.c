/* errors.c - placeholder; the error-code table is being written. */
