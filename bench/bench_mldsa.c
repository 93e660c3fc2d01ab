/*
 * NAME
 *	bench-mldsa - how long one ML-DSA verification takes, per parameter set
 * SYNOPSIS
 *	bench-mldsa [-b BATCHES] [-r REPS] [-f FILE] [-o]
 * DESCRIPTION
 *	Takes one valid vector per parameter set (public key, message,
 *	context, signature: the first valid case of each level with a
 *	non-empty message in FILE, default
 *	$srcdir/tests/data/ml-dsa/node-crosscheck.txt, srcdir defaulting to
 *	the source tree this program was built from), checks that it
 *	verifies, and times BATCHES batches (default 15) of REPS verifications
 *	(default: as many as take about 0.1 s) through mldsa_verify(), the
 *	call the rest of smimilter makes.  It prints one line per set, the
 *	median of the batch means in microseconds, and the verifier used:
 *
 *	    ml-dsa-65 verify_us=142.3 backend=smimilter msg=517 ctx=96 min_us=141.9 batches=15x700
 *
 *	backend=libcrypto when the running libcrypto has ML-DSA; then a
 *	second line times our own verifier (mldsa_verify_ours()) on the same
 *	vector, backend=smimilter, so the two can be compared.  -o times
 *	only our verifier.  The process pins itself to one CPU (the one it
 *	runs on) when it can.  Run by bench/run-mldsa, which adds OpenSSL
 *	3.5's figures measured through Node.
 * OWNERSHIP
 *	The vectors are read once and freed at exit.
 * EXIT STATUS
 *	0 figures printed; 1 a vector did not verify; 2 usage, I/O or library
 *	error.
 */
#include "config.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "smime/mldsa.h"
#include "smime/smx_err.h"

#ifndef BENCH_TOP_SRCDIR
#define BENCH_TOP_SRCDIR "."
#endif
#define MAXBATCH 101

struct vec {
	int level;
	unsigned char *pk, *msg, *ctx, *sig;
	size_t pklen, msglen, ctxlen, siglen;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* hex or "-" into a new buffer; 0 or -1 */
static int
unhex(const char *s, unsigned char **out, size_t *len)
{
	size_t n = strlen(s);

	*out = NULL;
	*len = 0;
	if (strcmp(s, "-") == 0)
		return 0;
	if (n % 2 != 0 || (*out = malloc(n / 2)) == NULL)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		(*out)[i] = (unsigned char)(hi << 4 | lo);
	}
	*len = n / 2;
	return 0;
}

/* The first valid pure case of each level with a non-empty message. */
static int
load(const char *path, struct vec v[3])
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *w[8], *save;
	size_t cap = 0;
	int level = 0, found = 0, rc = 0;
	char *pkhex = NULL;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	memset(v, 0, 3 * sizeof *v);
	while (found < 3 && getline(&line, &cap, f) > 0) {
		int n = 0, i;

		for (char *s = strtok_r(line, " \r\n", &save); s != NULL && n < 8;
		    s = strtok_r(NULL, " \r\n", &save))
			w[n++] = s;
		if (n == 3 && strcmp(w[0], "k") == 0) {
			level = atoi(w[1]);
			free(pkhex);
			pkhex = strdup(w[2]);
			if (pkhex == NULL) {
				rc = -1;
				break;
			}
			continue;
		}
		if (n != 8 || strcmp(w[0], "t") != 0 || strcmp(w[2], "1") != 0 ||
		    strcmp(w[3], "pure") != 0 || strcmp(w[4], "-") == 0 || pkhex == NULL)
			continue;
		i = level == 44 ? 0 : level == 65 ? 1 : level == 87 ? 2 : -1;
		if (i < 0 || v[i].level != 0)
			continue;
		v[i].level = level;
		if (unhex(pkhex, &v[i].pk, &v[i].pklen) < 0 ||
		    unhex(w[4], &v[i].msg, &v[i].msglen) < 0 ||
		    unhex(w[5], &v[i].ctx, &v[i].ctxlen) < 0 ||
		    unhex(w[6], &v[i].sig, &v[i].siglen) < 0) {
			rc = -1;
			break;
		}
		found++;
	}
	free(pkhex);
	free(line);
	fclose(f);
	if (rc == 0 && found < 3) {
		fprintf(stderr, "bench-mldsa: %s: no valid vector for every level\n", path);
		rc = -1;
	}
	return rc;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
verify(const struct vec *v, int ours)
{
	return (ours ? mldsa_verify_ours : mldsa_verify)(v->level, v->pk, v->pklen,
	    v->msg, v->msglen, v->ctx, v->ctxlen, v->sig, v->siglen);
}

/* Median and minimum of the batch means, in microseconds; 0 or -1. */
static int
measure(const struct vec *v, int ours, int batches, int reps, double *med,
    double *min, int *reps_used)
{
	double t[MAXBATCH], t0;
	int r;

	if ((r = verify(v, ours)) != 1) {
		fprintf(stderr, "bench-mldsa: ML-DSA-%d vector: verify returned %d (%s)\n",
		    v->level, r, r < 0 ? smx_strerror(r) : "invalid");
		return -1;
	}
	if (reps <= 0) {
		/* about 0.1 s per batch */
		int n = 0;

		t0 = now_s();
		while (now_s() - t0 < 0.05 || n < 5) {
			verify(v, ours);
			n++;
		}
		reps = (int)(n * 0.1 / (now_s() - t0));
		if (reps < 1)
			reps = 1;
	}
	for (int b = 0; b < batches; b++) {
		t0 = now_s();
		for (int i = 0; i < reps; i++)
			if (verify(v, ours) != 1)
				return -1;
		t[b] = (now_s() - t0) / reps * 1e6;
	}
	qsort(t, (size_t)batches, sizeof t[0], cmp_double);
	*med = batches % 2 ? t[batches / 2] : (t[batches / 2 - 1] + t[batches / 2]) / 2;
	*min = t[0];
	*reps_used = reps;
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: bench-mldsa [-b BATCHES] [-r REPS] [-f FILE] [-o]\n");
}

int
main(int argc, char **argv)
{
	struct vec v[3];
	const char *file = NULL, *top;
	char path[4096];
	int batches = 15, reps = 0, only_ours = 0, c, rc = 0;
#ifdef __linux__
	cpu_set_t set;
	int cpu = sched_getcpu();

	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		(void)sched_setaffinity(0, sizeof set, &set);
	}
#endif
	while ((c = getopt(argc, argv, "b:r:f:oh")) != -1) {
		switch (c) {
		case 'b':
			batches = atoi(optarg);
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 'f':
			file = optarg;
			break;
		case 'o':
			only_ours = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || batches < 1 || batches > MAXBATCH || reps < 0) {
		usage(stderr);
		return 2;
	}
	if (file == NULL) {
		top = getenv("srcdir");
		if (top == NULL || *top == '\0')
			top = BENCH_TOP_SRCDIR;
		snprintf(path, sizeof path, "%s/tests/data/ml-dsa/node-crosscheck.txt", top);
		file = path;
	}
	if (load(file, v) < 0)
		return 2;
	for (int i = 0; i < 3 && rc == 0; i++) {
		int lc = mldsa_libcrypto_available(v[i].level);

		for (int pass = 0; pass < 2; pass++) {
			int ours = pass == 1 || only_ours;
			double med, min;
			int n;

			if (pass == 1 && (!lc || only_ours))
				break;
			if (measure(&v[i], ours, batches, reps, &med, &min, &n) < 0) {
				rc = 1;
				break;
			}
			printf("ml-dsa-%d verify_us=%.1f backend=%s msg=%zu ctx=%zu min_us=%.1f batches=%dx%d\n",
			    v[i].level, med, ours || !lc ? "smimilter" : "libcrypto",
			    v[i].msglen, v[i].ctxlen, min, batches, n);
			fflush(stdout);
		}
	}
	for (int i = 0; i < 3; i++) {
		free(v[i].pk);
		free(v[i].msg);
		free(v[i].ctx);
		free(v[i].sig);
	}
	return rc;
}
