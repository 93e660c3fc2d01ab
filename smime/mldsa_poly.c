/*
 * NAME
 *	mldsa_poly - ML-DSA arithmetic in Z_q[X]/(X^256 + 1) and the packings
 *	a verifier needs (FIPS 204 sections 7.1 to 7.5)
 * SYNOPSIS
 *	#include "smime/mldsa_int.h"
 *
 *	void mldsa_ntt(int32_t a[256]);
 *	void mldsa_invntt(int32_t a[256]);
 *	void mldsa_poly_acc_mul(int64_t acc[256], const int32_t a[256],
 *	    const int32_t b[256]);
 *	void mldsa_poly_from_acc(int32_t r[256], const int64_t acc[256]);
 *	void mldsa_t1_unpack(int32_t r[256], const unsigned char *b);
 *	void mldsa_poly_ct1(int32_t r[256], const int32_t c[256],
 *	    const unsigned char *t1);
 *	void mldsa_poly_sub_ct1_modq(int32_t w[256], const int32_t ct1[256]);
 *	int mldsa_z_unpack_check(int32_t r[256], const unsigned char *b,
 *	    const struct mldsa_params *p);
 *	int mldsa_hint_check(const unsigned char *y, const struct mldsa_params *p);
 *	void mldsa_use_hint_pack(unsigned char *out, const int32_t w[256],
 *	    const unsigned char *hidx, unsigned nh, const struct mldsa_params *p);
 * DESCRIPTION
 *	Coefficients are int32_t.  The NTT (FIPS 204 Alg. 41) and its inverse
 *	(Alg. 42) multiply by the powers of zeta = 1753 in Montgomery form
 *	(times R = 2^32 mod q), so a Montgomery reduction after each product
 *	keeps values at the scale they had.  The pointwise products of the
 *	verifier are summed without reduction in int64_t accumulators, then
 *	reduced once (mldsa_poly_from_acc), which leaves a factor R^-1 that
 *	the last step of mldsa_invntt (a multiplication by R^2/256) removes.
 *
 *	The verifier's w'_approx = NTT^-1(A * NTT(z) - NTT(c) * NTT(t1 2^d))
 *	is computed as NTT^-1(A * NTT(z)) - c * t1 * 2^d (the NTT is
 *	linear): c has only tau coefficients +-1, so c * t1 is tau shifted
 *	and signed copies of t1 added up (mldsa_poly_ct1, negacyclic:
 *	X^256 = -1), which is cheaper than the k + 1 forward NTTs it saves.
 *	mldsa_poly_sub_ct1_modq then subtracts c * t1 * 2^d and reduces to
 *	[0, q).
 *
 *	Bounds (why nothing overflows): mldsa_ntt adds less than q per layer,
 *	so inputs below q in absolute value (|z| <= gamma1 = 2^19) come out
 *	below 9q.  A entries are in [0, q).  An accumulator of l <= 7
 *	products A*z (each below 9q^2) stays below 63 q^2 < 2^31 q, the input
 *	range of the Montgomery reduction, whose output is then in (-q, q).
 *	mldsa_invntt needs inputs below q in absolute value: its sums at most
 *	double on each of the 8 layers, 256 q < 2^31; its output is in
 *	(-q, q).  |c * t1| <= tau * 1023 = 61380, times 2^13 below 60 q, so
 *	w - c t1 2^d + 61 q is in (0, 122 q), inside int32_t.
 *
 *	mldsa_z_unpack_check unpacks one polynomial of z (BitUnpack with
 *	a = gamma1 - 1, b = gamma1: each field f gives gamma1 - f) and
 *	returns 1 when every coefficient has |z| < gamma1 - beta, 0 otherwise
 *	(the field value 0 gives gamma1, which this rejects).
 *	mldsa_hint_check is the validity part of HintBitUnpack (Alg. 21) on
 *	the omega + k hint bytes y: 1 when well formed, 0 otherwise; when well
 *	formed, the hint positions of row i are y[start .. y[omega + i]) with
 *	start = 0 for row 0, else y[omega + i - 1].  mldsa_use_hint_pack
 *	applies UseHint (Alg. 40, with Decompose, Alg. 36) to one row w (in
 *	[0, q)) with its nh hint positions hidx (strictly increasing) and
 *	packs the result as w1Encode does (Alg. 28): 6 bits per coefficient
 *	for gamma2 = (q-1)/88, 4 bits for (q-1)/32.
 * OWNERSHIP
 *	Callers own every array; nothing is allocated.
 * DIAGNOSTICS
 *	None: these functions cannot fail.  Malformed signature fields are
 *	reported as results (0) by the two checking functions.
 */
#include <string.h>

#include "smime/mldsa_int.h"

/* The Montgomery reduction shifts negative values right: C leaves
 * that to the implementation; every compiler this builds with shifts
 * arithmetically, and this says so at compile time. */
_Static_assert((-2 >> 1) == -1 && ((int64_t)-2 >> 1) == -1,
    "signed right shift must be arithmetic");

#define QINV 58728449		/* q^-1 mod 2^32 */
#define INV256_MONT 41978	/* R^2 / 256 mod q, R = 2^32 */
#define INV256_ZETA1 3975713	/* -zetas[1] * INV256_MONT / R mod q */

/* zetas[m] = zeta^brv8(m) * R mod q, centred; zetas[0] is not used. */
static const int32_t zetas[MLDSA_N] = {
	0, 25847, -2608894, -518909, 237124, -777960, -876248, 466468,
	1826347, 2353451, -359251, -2091905, 3119733, -2884855, 3111497, 2680103,
	2725464, 1024112, -1079900, 3585928, -549488, -1119584, 2619752, -2108549,
	-2118186, -3859737, -1399561, -3277672, 1757237, -19422, 4010497, 280005,
	2706023, 95776, 3077325, 3530437, -1661693, -3592148, -2537516, 3915439,
	-3861115, -3043716, 3574422, -2867647, 3539968, -300467, 2348700, -539299,
	-1699267, -1643818, 3505694, -3821735, 3507263, -2140649, -1600420, 3699596,
	811944, 531354, 954230, 3881043, 3900724, -2556880, 2071892, -2797779,
	-3930395, -1528703, -3677745, -3041255, -1452451, 3475950, 2176455, -1585221,
	-1257611, 1939314, -4083598, -1000202, -3190144, -3157330, -3632928, 126922,
	3412210, -983419, 2147896, 2715295, -2967645, -3693493, -411027, -2477047,
	-671102, -1228525, -22981, -1308169, -381987, 1349076, 1852771, -1430430,
	-3343383, 264944, 508951, 3097992, 44288, -1100098, 904516, 3958618,
	-3724342, -8578, 1653064, -3249728, 2389356, -210977, 759969, -1316856,
	189548, -3553272, 3159746, -1851402, -2409325, -177440, 1315589, 1341330,
	1285669, -1584928, -812732, -1439742, -3019102, -3881060, -3628969, 3839961,
	2091667, 3407706, 2316500, 3817976, -3342478, 2244091, -2446433, -3562462,
	266997, 2434439, -1235728, 3513181, -3520352, -3759364, -1197226, -3193378,
	900702, 1859098, 909542, 819034, 495491, -1613174, -43260, -522500,
	-655327, -3122442, 2031748, 3207046, -3556995, -525098, -768622, -3595838,
	342297, 286988, -2437823, 4108315, 3437287, -3342277, 1735879, 203044,
	2842341, 2691481, -2590150, 1265009, 4055324, 1247620, 2486353, 1595974,
	-3767016, 1250494, 2635921, -3548272, -2994039, 1869119, 1903435, -1050970,
	-1333058, 1237275, -3318210, -1430225, -451100, 1312455, 3306115, -1962642,
	-1279661, 1917081, -2546312, -1374803, 1500165, 777191, 2235880, 3406031,
	-542412, -2831860, -1671176, -1846953, -2584293, -3724270, 594136, -3776993,
	-2013608, 2432395, 2454455, -164721, 1957272, 3369112, 185531, -1207385,
	-3183426, 162844, 1616392, 3014001, 810149, 1652634, -3694233, -1799107,
	-3038916, 3523897, 3866901, 269760, 2213111, -975884, 1717735, 472078,
	-426683, 1723600, -1803090, 1910376, -1667432, -1104333, -260646, -3833893,
	-2939036, -2235985, -420899, -2286327, 183443, -976891, 1612842, -3545687,
	-554416, 3919660, -48306, -1362209, 3937738, 1400424, -846154, 1976782,
};

/* a * R^-1 mod q in (-q, q), for |a| < 2^31 q. */
int32_t
mldsa_mont_reduce(int64_t a)
{
	int32_t t = (int32_t)((uint32_t)(uint64_t)a * (uint32_t)QINV);

	return (int32_t)((a - (int64_t)t * MLDSA_Q) >> 32);
}

void
mldsa_ntt(int32_t a[MLDSA_N])
{
	unsigned k = 0, len, start, j;

	for (len = 128; len > 0; len >>= 1) {
		for (start = 0; start < MLDSA_N; start += 2 * len) {
			int64_t z = zetas[++k];

			for (j = start; j < start + len; j++) {
				int32_t t = mldsa_mont_reduce(z * a[j + len]);

				a[j + len] = a[j] - t;
				a[j] = a[j] + t;
			}
		}
	}
}

void
mldsa_invntt(int32_t a[MLDSA_N])
{
	unsigned k = MLDSA_N, len, start, j;

	for (len = 1; len < MLDSA_N / 2; len <<= 1) {
		for (start = 0; start < MLDSA_N; start += 2 * len) {
			int64_t z = -zetas[--k];

			for (j = start; j < start + len; j++) {
				int32_t t = a[j];

				a[j] = t + a[j + len];
				a[j + len] = mldsa_mont_reduce(z * (t - a[j + len]));
			}
		}
	}
	/* the last layer (len 128, zeta -zetas[1]) with the final
	 * multiplication by R^2/256 folded in: both halves are below 128 q
	 * here, so t + u stays below 256 q < 2^31 */
	for (j = 0; j < MLDSA_N / 2; j++) {
		int32_t t = a[j], u = a[j + MLDSA_N / 2];

		a[j] = mldsa_mont_reduce((int64_t)INV256_MONT * (t + u));
		a[j + MLDSA_N / 2] = mldsa_mont_reduce((int64_t)INV256_ZETA1 * (t - u));
	}
}

void
mldsa_poly_acc_mul(int64_t acc[MLDSA_N], const int32_t a[MLDSA_N],
    const int32_t b[MLDSA_N])
{
	for (unsigned j = 0; j < MLDSA_N; j++)
		acc[j] += (int64_t)a[j] * b[j];
}

/* r += s * ext[base .. base + 256), s = +1 or -1 */
static void
sparse_add(int32_t *restrict r, const int32_t *restrict ext, int32_t s)
{
	if (s > 0)
		for (unsigned m = 0; m < MLDSA_N; m++)
			r[m] += ext[m];
	else
		for (unsigned m = 0; m < MLDSA_N; m++)
			r[m] -= ext[m];
}

void
mldsa_poly_ct1(int32_t r[MLDSA_N], const int32_t c[MLDSA_N],
    const unsigned char *t1)
{
	int32_t ext[2 * MLDSA_N];

	/* ext[i] = -t1[i], ext[256 + i] = t1[i]: X^256 = -1 */
	mldsa_t1_unpack(ext + MLDSA_N, t1);
	for (unsigned i = 0; i < MLDSA_N; i++)
		ext[i] = -ext[MLDSA_N + i];
	memset(r, 0, MLDSA_N * sizeof *r);
	/* c * t1 = sum over c_j != 0 of c_j X^j t1:
	 * coefficient m gets c_j * ext[256 + m - j] */
	for (unsigned j = 0; j < MLDSA_N; j++)
		if (c[j] != 0)
			sparse_add(r, ext + MLDSA_N - j, c[j]);
}

void
mldsa_poly_sub_ct1_modq(int32_t w[MLDSA_N], const int32_t ct1[MLDSA_N])
{
	/* |w| < q, |ct1| * 2^d <= 60 * 1023 * 2^13 < 60 q: the sum plus
	 * 61 q is positive and below 2^31. */
	for (unsigned m = 0; m < MLDSA_N; m++)
		w[m] = (int32_t)((uint32_t)(w[m] - ct1[m] * (1 << MLDSA_D) +
		    61 * MLDSA_Q) % MLDSA_Q);
}

void
mldsa_poly_from_acc(int32_t r[MLDSA_N], const int64_t acc[MLDSA_N])
{
	for (unsigned j = 0; j < MLDSA_N; j++)
		r[j] = mldsa_mont_reduce(acc[j]);
}

/* (-q, q) to [0, q) */
void
mldsa_poly_caddq(int32_t a[MLDSA_N])
{
	for (unsigned j = 0; j < MLDSA_N; j++)
		a[j] += a[j] < 0 ? MLDSA_Q : 0;
}

/* pkDecode's t1 (SimpleBitUnpack, 10 bits). */
void
mldsa_t1_unpack(int32_t r[MLDSA_N], const unsigned char *b)
{
	for (unsigned j = 0; j < MLDSA_N / 4; j++, b += 5) {
		r[4 * j + 0] = (int32_t)(((unsigned)b[0] | (unsigned)b[1] << 8) & 0x3ff);
		r[4 * j + 1] = (int32_t)(((unsigned)b[1] >> 2 | (unsigned)b[2] << 6) & 0x3ff);
		r[4 * j + 2] = (int32_t)(((unsigned)b[2] >> 4 | (unsigned)b[3] << 4) & 0x3ff);
		r[4 * j + 3] = (int32_t)(((unsigned)b[3] >> 6 | (unsigned)b[4] << 2) & 0x3ff);
	}
}

int
mldsa_z_unpack_check(int32_t r[MLDSA_N], const unsigned char *b,
    const struct mldsa_params *p)
{
	const int32_t g1 = p->gamma1, bound = p->gamma1 - p->beta;
	uint32_t f[4];
	int ok = 1;

	if (p->gamma1_bits == 17) {
		/* 18-bit fields, 4 per 9 bytes */
		for (unsigned j = 0; j < MLDSA_N / 4; j++, b += 9) {
			f[0] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16;
			f[1] = (uint32_t)b[2] >> 2 | (uint32_t)b[3] << 6 | (uint32_t)b[4] << 14;
			f[2] = (uint32_t)b[4] >> 4 | (uint32_t)b[5] << 4 | (uint32_t)b[6] << 12;
			f[3] = (uint32_t)b[6] >> 6 | (uint32_t)b[7] << 2 | (uint32_t)b[8] << 10;
			for (unsigned i = 0; i < 4; i++)
				r[4 * j + i] = g1 - (int32_t)(f[i] & 0x3ffff);
		}
	} else {
		/* 20-bit fields, 2 per 5 bytes */
		for (unsigned j = 0; j < MLDSA_N / 2; j++, b += 5) {
			f[0] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16;
			f[1] = (uint32_t)b[2] >> 4 | (uint32_t)b[3] << 4 | (uint32_t)b[4] << 12;
			r[2 * j + 0] = g1 - (int32_t)(f[0] & 0xfffff);
			r[2 * j + 1] = g1 - (int32_t)(f[1] & 0xfffff);
		}
	}
	/* ||z||_inf < gamma1 - beta, strictly (z is already centred) */
	for (unsigned j = 0; j < MLDSA_N; j++)
		ok &= r[j] < bound && r[j] > -bound;
	return ok;
}

int
mldsa_hint_check(const unsigned char *y, const struct mldsa_params *p)
{
	const unsigned omega = p->omega;
	unsigned index = 0;

	for (unsigned i = 0; i < p->k; i++) {
		unsigned end = y[omega + i], first = index;

		if (end < index || end > omega)
			return 0;
		for (; index < end; index++)
			if (index > first && y[index - 1] >= y[index])
				return 0;
	}
	for (; index < omega; index++)
		if (y[index] != 0)
			return 0;
	return 1;
}

/*
 * UseHint (Alg. 40) of one coefficient r in [0, q), with Decompose
 * (Alg. 36): r = r1 * 2 gamma2 + r0, r0 = r mod+- 2 gamma2 in
 * (-gamma2, gamma2], except that r - r0 = q - 1 gives r1 = 0, r0 - 1.
 * Written once and inlined with gamma2 a constant, so the division by
 * 2 gamma2 becomes a multiplication.
 */
static inline int32_t
use_hint(int32_t r, int h, const int32_t g2)
{
	const int32_t m = (MLDSA_Q - 1) / (2 * g2);
	int32_t r1 = r / (2 * g2), r0 = r - r1 * 2 * g2;

	if (r0 > g2) {
		r0 -= 2 * g2;
		r1++;
	}
	if (r1 == m) {		/* r - r0 = q - 1 */
		r1 = 0;
		r0--;
	}
	if (!h)
		return r1;
	if (r0 > 0)
		return r1 + 1 == m ? 0 : r1 + 1;
	return r1 == 0 ? m - 1 : r1 - 1;
}

#define G2_88 ((MLDSA_Q - 1) / 88)	/* ML-DSA-44 */
#define G2_32 ((MLDSA_Q - 1) / 32)	/* ML-DSA-65, ML-DSA-87 */

int32_t
mldsa_use_hint1(int32_t r, int h, int32_t gamma2)
{
	return gamma2 == G2_88 ? use_hint(r, h, G2_88) : use_hint(r, h, G2_32);
}

void
mldsa_use_hint_pack(unsigned char *out, const int32_t w[MLDSA_N],
    const unsigned char *hidx, unsigned nh, const struct mldsa_params *p)
{
	unsigned char h[MLDSA_N];
	int32_t v[4];

	memset(h, 0, sizeof h);
	for (unsigned i = 0; i < nh; i++)
		h[hidx[i]] = 1;
	if (p->gamma2 == G2_88) {
		/* values 0..43, 6 bits, 4 per 3 bytes */
		for (unsigned j = 0; j < MLDSA_N / 4; j++, out += 3) {
			for (unsigned i = 0; i < 4; i++)
				v[i] = use_hint(w[4 * j + i], h[4 * j + i], G2_88);
			out[0] = (unsigned char)(v[0] | v[1] << 6);
			out[1] = (unsigned char)(v[1] >> 2 | v[2] << 4);
			out[2] = (unsigned char)(v[2] >> 4 | v[3] << 2);
		}
	} else {
		/* values 0..15, 4 bits, 2 per byte */
		for (unsigned j = 0; j < MLDSA_N / 2; j++) {
			v[0] = use_hint(w[2 * j], h[2 * j], G2_32);
			v[1] = use_hint(w[2 * j + 1], h[2 * j + 1], G2_32);
			out[j] = (unsigned char)(v[0] | v[1] << 4);
		}
	}
}
