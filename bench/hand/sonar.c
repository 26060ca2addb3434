/*
 * The C "limit" row: bench/hand/sonar.ts's Sonar naive Bayes decision in C, built by
 * bench/hand/sonarC.ts with `cc -O3 -march=native -ffp-contract=off` (no fused multiply-add: the
 * document rounds each product) and timed here by the C clock.
 *
 * Usage: sonar DATA SECONDS ROUNDS. DATA (little-endian, written by sonarC.ts) holds C, F and N as
 * int32s, the per-class tables (mean, 2·(σ·σ), ln(σ·√(2π)) class-major; ln(count), cutoff) as
 * doubles, the tie-break ranks as int32s, then N rows of F doubles. The logarithms were taken at
 * load time by the engine's fdlibm; per record only exp is needed, and fd_exp is the project's
 * fdlibm exp (src/lib/util/fdlibm/exp.ts) written in C, so the bits are the engine's.
 * Prints, per row, the chosen class and the posteriors' bits in hex; then, per round, the
 * nanoseconds per record of passes over all rows lasting about SECONDS.
 */
/* clock_gettime under -std=c11 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int32_t hi_word(double x) {
  uint64_t b;
  memcpy(&b, &x, 8);
  return (int32_t)(b >> 32);
}
static uint32_t lo_word(double x) {
  uint64_t b;
  memcpy(&b, &x, 8);
  return (uint32_t)b;
}
static double with_hi(double x, int32_t h) {
  uint64_t b;
  memcpy(&b, &x, 8);
  b = (b & 0xffffffffu) | ((uint64_t)(uint32_t)h << 32);
  memcpy(&x, &b, 8);
  return x;
}

/* The constants of exp.ts, printed to 17 digits (each parses back to the same bits). */
static const double one = 1.0, huge = 1.0e300, twom1000 = 9.3326361850321888e-302;
static const double o_threshold = 709.78271289338397, u_threshold = -745.13321910194111;
static const double ln2_hi = 0.69314718036912382, ln2_lo = 1.9082149292705877e-10;
static const double E = 2.7182818284590451, invln2 = 1.4426950408889634;
static const double P1 = 0.16666666666666602, P2 = -0.0027777777777015593, P3 = 0.000066137563214379344,
                    P4 = -0.0000016533902205465252, P5 = 4.1381367970572385e-8;

/* fdlibm e_exp.c as ported in exp.ts (with V8's exp(1) = e). */
static double fd_exp(double x) {
  int32_t hx = hi_word(x);
  const int32_t xsb = (hx >> 31) & 1;
  hx &= 0x7fffffff;
  double hi = 0, lo = 0;
  int32_t k = 0;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lo_word(x)) != 0) return x + x;
      return xsb == 0 ? x : 0.0;
    }
    if (x > o_threshold) return huge * huge;
    if (x < u_threshold) return twom1000 * twom1000;
  }
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x == 1.0) return E;
      hi = xsb == 0 ? x - ln2_hi : x + ln2_hi;
      lo = xsb == 0 ? ln2_lo : -ln2_lo;
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      const double t = (double)k;
      hi = x - t * ln2_hi;
      lo = t * ln2_lo;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    if (huge + x > one) return one + x;
  }
  const double t = x * x;
  const double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return one - ((x * c) / (c - 2.0) - x);
  const double y = one - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return with_hi(y, hi_word(y) + (k << 20));
  return with_hi(y, hi_word(y) + ((k + 1000) << 20)) * twom1000;
}

static int32_t C, F, N;
static double *mean, *two_variance, *log_norm, *log_prior, *cutoff, *rows, *scaled, *posterior;
static int32_t *rank_of;

static int is_finite(double x) { return x - x == 0; }

/* The chosen class for row x (posteriors in `posterior`), or -1 for an input that is not finite. */
static int score(const double *x) {
  const double *mu = mean, *tv = two_variance, *ln = log_norm;
  for (int c = 0; c < C; c++, mu += F, tv += F, ln += F) {
    double s = 0;
    for (int j = 0; j < F; j++) {
      const double d = x[j] - mu[j];
      s += -(d * d) / tv[j] - ln[j];
    }
    if (!(s > -1.0 / 0.0))
      for (int j = 0; j < F; j++)
        if (!is_finite(x[j])) return -1;
    scaled[c] = log_prior[c] + s;
  }
  int best = 0;
  double top = 0;
  for (int c = 0; c < C; c++) {
    double t = 0;
    for (int i = 0; i < C; i++) t += fd_exp(scaled[i] - scaled[c]);
    posterior[c] = 1 / t;
    const double r = posterior[c] / cutoff[c];
    if (c == 0 || r > top || (r == top && rank_of[c] < rank_of[best])) {
      best = c;
      top = r;
    }
  }
  return best;
}

static void *take(FILE *f, size_t bytes) {
  void *p = malloc(bytes);
  if (!p || fread(p, 1, bytes, f) != bytes) {
    fprintf(stderr, "sonar: short data file\n");
    exit(2);
  }
  return p;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 4) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  int32_t *head = take(f, 12);
  C = head[0], F = head[1], N = head[2];
  mean = take(f, 8 * C * F), two_variance = take(f, 8 * C * F), log_norm = take(f, 8 * C * F);
  log_prior = take(f, 8 * C), cutoff = take(f, 8 * C), rank_of = take(f, 4 * C);
  rows = take(f, 8 * (size_t)N * F);
  fclose(f);
  scaled = malloc(8 * C), posterior = malloc(8 * C);
  for (int i = 0; i < N; i++) {
    printf("%d", score(rows + (size_t)i * F));
    for (int c = 0; c < C; c++) {
      uint64_t b;
      memcpy(&b, &posterior[c], 8);
      printf(" %016llx", (unsigned long long)b);
    }
    printf("\n");
  }
  const double seconds = atof(argv[2]);
  const int rounds = atoi(argv[3]);
  long passes = 1;
  volatile int sink = 0;
  for (int round = 0; round < rounds; round++) {
    double t0, t1;
    for (;;) {
      t0 = now_ns();
      for (long p = 0; p < passes; p++) {
        for (int i = 0; i < N; i++) sink += score(rows + (size_t)i * F);
        /* The rows might have changed: no pass can be folded into another. */
        __asm__ volatile("" : : "r"(rows) : "memory");
      }
      t1 = now_ns();
      if (t1 - t0 >= seconds * 1e9 * 0.5 || round > 0) break;
      passes *= 2;
    }
    printf("ns %.3f\n", (t1 - t0) / ((double)passes * N));
  }
  return sink == 0x7fffffff;
}
