#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

#include <gsl/gsl_version.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_qrng.h>

/* GSL exposes generator and interpolation types as mutable global pointers, which Swift 6
   rejects from nonisolated code ("reference to var 'gsl_rng_mt19937' is not
   concurrency-safe because it involves shared mutable state"); static inline accessors
   import as plain functions. */
static inline const char *cgsl_version(void) { return gsl_version; }
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
/* Sobol quasi-random generator (Antonov-Saleev, dimensions 1-40), for sweep designs. */
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }

/* taus2 keeps three 32-bit words in `unsigned long`s (24 bytes on LP64). Seeding them
   directly from a 64-bit mix of (scenario seed, entity id) gives ~2^88 distinct streams
   instead of gsl_rng_set's 2^32 seeds; the words must satisfy s1 > 1, s2 > 7, s3 > 15
   (L'Ecuyer 1996, as checked in GSL's taus.c). */
typedef struct { unsigned long s1, s2, s3; } cgsl_taus_state;
static inline void cgsl_taus2_set_state(gsl_rng *r, unsigned long a, unsigned long b, unsigned long c) {
    cgsl_taus_state *s = (cgsl_taus_state *)gsl_rng_state(r);
    s->s1 = a < 2 ? a + 2 : a;
    s->s2 = b < 8 ? b + 8 : b;
    s->s3 = c < 16 ? c + 16 : c;
    /* warm up, as taus_set does */
    for (int i = 0; i < 6; i++) gsl_rng_get(r);
}

#endif
