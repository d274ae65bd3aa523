// Shim over GNU Scientific Library for Swift.
//
// Swift 6 rejects GSL's generator-type globals (`gsl_rng_mt19937`, ...) as
// shared mutable state, so each one is exposed through a function instead.
// The draw functions are `static inline` so that the optimiser can inline
// them into the simulator's hot loop.
#ifndef EDGESIM_CGSL_SHIM_H
#define EDGESIM_CGSL_SHIM_H

#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rstat.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sf_gamma.h>

static inline const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_type_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_type_ranlxd2(void) { return gsl_rng_ranlxd2; }
static inline const gsl_rng_type *cgsl_rng_type_gfsr4(void) { return gsl_rng_gfsr4; }
static inline const gsl_rng_type *cgsl_rng_type_ranlux389(void) { return gsl_rng_ranlux389; }

/// Uniform double in [0, 1), without the extern call of gsl_rng_uniform.
static inline double cgsl_rng_uniform(const gsl_rng *r) {
    return (r->type->get_double)(r->state);
}

/// Raw integer draw in [min, max] of the generator.
static inline unsigned long cgsl_rng_get(const gsl_rng *r) {
    return (r->type->get)(r->state);
}

/// gsl_rng_uniform_int's algorithm, inline: the same draws, no call.
/// Precondition (checked by the caller): 1 <= n <= range of the generator.
static inline unsigned long cgsl_rng_uniform_int(const gsl_rng *r, unsigned long n) {
    unsigned long offset = r->type->min;
    unsigned long range = r->type->max - offset;
    unsigned long scale = range / n;
    unsigned long k;
    do {
        k = ((r->type->get)(r->state) - offset) / scale;
    } while (k >= n);
    return k;
}

/// An exponential variate by inversion, inline: -mu * log(u), u uniform on
/// (0, 1). gsl_ran_exponential computes -mu * log1p(-u) instead, the mirror
/// image with the same distribution; glibc's log is several times cheaper
/// than its log1p, and the event kernel draws one of these per event.
static inline double cgsl_ran_exponential(const gsl_rng *r, double mu) {
    double u;
    do {
        u = (r->type->get_double)(r->state);
    } while (u == 0.0);
    return -mu * log(u);
}

/// Turns GSL's default abort-on-error handler off: EdgeSim validates
/// parameters itself and never wants a library to abort the process.
static inline void cgsl_disable_abort(void) { gsl_set_error_handler_off(); }

#endif
