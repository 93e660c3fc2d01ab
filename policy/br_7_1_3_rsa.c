/*
 * NAME
 *	br_7_1_3_rsa - RSA keys (BR 6.1.5, 6.1.6)
 * DESCRIPTION
 *	For every role (subscriber, Subordinate CA, Root CA) with an
 *	rsaEncryption key: the key is a DER RSAPublicKey of two positive
 *	INTEGERs (RFC 8017 A.1.1); the modulus has at least 2048 bits and a
 *	multiple of 8 (6.1.5), and at least 4096 in CA certificates signed
 *	from 2026-09-15 (SMC017); the exponent is odd and at least 3, and
 *	SHOULD be in [2^16+1, 2^256-1]; the modulus SHOULD be odd, not the
 *	power of a prime, and without factors below 752 (6.1.6, after NIST
 *	SP 800-89 5.3.3).  From 2027-09-15, a subscriber certificate with
 *	id-kp-emailProtection and a mailbox in its subjectAltName must not
 *	come from a CA whose RSA modulus is under 3072 bits (checked when
 *	the issuer is at hand).  Whether the key's AlgorithmIdentifier is
 *	the allowed one is br_7_1_3.c's business: these rules look at every
 *	key with the rsaEncryption OID, and not at RSA-PSS keys (an error
 *	there already).
 *
 *	The numbers are read from the subjectPublicKey bytes by hand, not
 *	through EVP_PKEY, so that a key libcrypto would refuse (an even
 *	modulus, an exponent of 1) is still judged.  What the rules ask about
 *	a key is worked out once and kept, per thread, for the last two keys
 *	(the certificate's and its issuer's), keyed by the key bytes: the
 *	rules of one certificate run one after another, and a CA key comes
 *	back with every message it signed.
 *
 *	Overlaps are avoided: the exponent range applies to exponents that
 *	are odd and at least 3, the factor and power rules to odd moduli
 *	(evenness has its own rule), the power rule to moduli without small
 *	factors.
 *
 *	Small factors: one BN_mod_word() per product of primes that fits a
 *	word, then the residues.  Powers of a prime p^k, k >= 2 (then k <=
 *	bits / 9, as p >= 752): n is a k-th power residue modulo every prime
 *	m = 1 (mod k), which a random modulus fails at once (probability
 *	1 - 1/k per test; residues below 752 are at hand, others cost one
 *	BN_mod_word()); only a modulus that passes tests worth 2^-40 of
 *	doubt gets Newton's exact integer root.  A prime modulus (k = 1)
 *	would need a primality test, a full-size modular exponentiation
 *	that the linter's time budget cannot pay on every certificate; it
 *	is not looked for.
 * SEE ALSO
 *	S/MIME BR 6.1.5, 6.1.6; RFC 8017 A.1.1; NIST SP 800-89 5.3.3.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "policy/br_rules.h"
#include "policy/br_util.h"
#include "smime/smx_err.h"

/* S/MIME BR v1.0.0 in force (1.2.1): no rule binds what was issued before. */
#define V100 20230901

#define ALL BR_ROLE_ALL
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The primes below 752 (SP 800-89 5.3.3). */
static const unsigned short primes[] = {
	2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
	73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151,
	157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233,
	239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317,
	331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419,
	421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503,
	509, 521, 523, 541, 547, 557, 563, 569, 571, 577, 587, 593, 599, 601, 607,
	613, 617, 619, 631, 641, 643, 647, 653, 659, 661, 673, 677, 683, 691, 701,
	709, 719, 727, 733, 739, 743, 751,
};
#define NPRIMES NELEM(primes)
#define DOUBT (1ULL << 40)

/* --- what is known about a key --------------------------------------------- */

#define KEY_MAX 1100	/* subjectPublicKey bytes kept: moduli up to 8192 bits */

struct facts {
	unsigned char key[KEY_MAX];	/* the subjectPublicKey the rest is about */
	int keylen;			/* 0: nothing kept */
	int valid;			/* a DER RSAPublicKey of two positive INTEGERs */
	const unsigned char *n, *e;	/* magnitudes, without a sign octet */
	size_t nlen, elen;
	int bits, ebits;
	int have_res;			/* res and factor are set */
	unsigned res[NPRIMES];		/* n mod primes[i] */
	unsigned factor;		/* the smallest odd prime below 752 dividing n, or 0 */
	long power;			/* -1 not yet known, 0 none, else n = x^power */
};

static _Thread_local struct facts cache[2];
static _Thread_local unsigned cache_last;	/* the one used last; the other goes first */

/* The content of the DER element with this tag at *p, moving *p past it. */
static const unsigned char *
der_take(const unsigned char **p, const unsigned char *end, unsigned tag, size_t *len)
{
	const unsigned char *q = *p;
	size_t l, nb;

	if (end - q < 2 || *q++ != tag)
		return NULL;
	if ((l = *q++) & 0x80) {
		if ((nb = l & 0x7f) == 0 || nb > 4 || (size_t)(end - q) < nb)
			return NULL;
		for (l = 0; nb > 0; nb--)
			l = l << 8 | *q++;
	}
	if ((size_t)(end - q) < l)
		return NULL;
	*len = l;
	*p = q + l;
	return q;
}

/* The magnitude of a positive DER INTEGER at *p, and its bit count. */
static const unsigned char *
der_positive(const unsigned char **p, const unsigned char *end, size_t *len, int *bits)
{
	const unsigned char *c = der_take(p, end, 0x02, len);

	if (c == NULL || *len == 0 || (c[0] & 0x80))
		return NULL;			/* not there, empty, or negative */
	if (*len > 1 && c[0] == 0) {
		if (!(c[1] & 0x80))
			return NULL;		/* padded: not DER */
		c++;
		(*len)--;
	}
	if (c[0] == 0)
		return NULL;			/* zero */
	*bits = 8 * (int)(*len - 1);
	for (unsigned b = c[0]; b != 0; b >>= 1)
		(*bits)++;
	return c;
}

static void
parse(struct facts *f, const unsigned char *key, size_t len)
{
	const unsigned char *p = key, *end = key + len, *s;
	size_t slen;

	f->valid = 0;
	f->have_res = 0;
	f->power = -1;
	if (len == 0 || (s = der_take(&p, end, 0x30, &slen)) == NULL || p != end)
		return;
	p = s;
	end = s + slen;
	f->valid = (f->n = der_positive(&p, end, &f->nlen, &f->bits)) != NULL &&
	    (f->e = der_positive(&p, end, &f->elen, &f->ebits)) != NULL && p == end;
}

/* The facts of x's rsaEncryption key (spare holds them when too long to keep), or NULL. */
static struct facts *
facts_of(X509 *x, struct facts *spare)
{
	X509_PUBKEY *pk = x != NULL ? X509_get_X509_PUBKEY(x) : NULL;
	ASN1_OBJECT *oid;
	const unsigned char *key;
	struct facts *f = spare;
	int len;

	if (pk == NULL || !X509_PUBKEY_get0_param(&oid, &key, &len, NULL, pk) ||
	    OBJ_obj2nid(oid) != NID_rsaEncryption || len < 0)
		return NULL;
	for (unsigned i = 0; i < NELEM(cache); i++)
		if (len > 0 && cache[i].keylen == len && memcmp(cache[i].key, key, (size_t)len) == 0)
			return &cache[cache_last = i];
	if (len > 0 && len <= KEY_MAX) {
		cache_last = (cache_last + 1) % NELEM(cache);
		f = &cache[cache_last];
		memcpy(f->key, key, (size_t)len);
		key = f->key;
	}
	f->keylen = f == spare ? 0 : len;
	parse(f, key, (size_t)len);
	return f;
}

static int
is_rsa_oid(const struct br_cert *c)
{
	struct facts spare;

	return facts_of(c->x, &spare) != NULL;
}

static int
is_rsa(const struct br_cert *c)
{
	struct facts spare, *f = facts_of(c->x, &spare);

	return f != NULL && f->valid;
}

static int
rsa_invalid(const struct br_cert *c, char *d, size_t dl)
{
	struct facts spare, *f = facts_of(c->x, &spare);

	return f != NULL && !f->valid ?
	    br_detail(d, dl, "not a DER SEQUENCE of two positive INTEGERs") : 0;
}

/* Run fn on the facts of x's key, when it is a valid RSA key. */
static int
with_rsa(X509 *x, char *d, size_t dl, int (*fn)(struct facts *f, char *d, size_t dl))
{
	struct facts spare, *f = facts_of(x, &spare);

	return f != NULL && f->valid ? fn(f, d, dl) : 0;
}

#define RSA_RULE(name) \
	static int name(const struct br_cert *c, char *d, size_t dl) \
	{ return with_rsa(c->x, d, dl, name##_fn); }

/* --- sizes ------------------------------------------------------------------ */

static int
bits_under(const struct facts *f, char *d, size_t dl, int min)
{
	return f->bits < min ? br_detail(d, dl, "%d-bit modulus", f->bits) : 0;
}

static int
mod_2048_fn(struct facts *f, char *d, size_t dl)
{
	return bits_under(f, d, dl, 2048);
}

static int
mod_4096_fn(struct facts *f, char *d, size_t dl)
{
	return bits_under(f, d, dl, 4096);
}

static int
mod_8_fn(struct facts *f, char *d, size_t dl)
{
	return f->bits % 8 ? br_detail(d, dl, "%d-bit modulus", f->bits) : 0;
}

/* --- the exponent ----------------------------------------------------------- */

/* The exponent's value when it has at most 64 bits. */
static unsigned long long
e_value(const struct facts *f)
{
	unsigned long long v = 0;

	for (size_t i = 0; i < f->elen && f->ebits <= 64; i++)
		v = v << 8 | f->e[i];
	return v;
}

static int
e_detail(const struct facts *f, char *d, size_t dl)
{
	if (f->ebits <= 64)
		return br_detail(d, dl, "exponent %llu", e_value(f));
	return br_detail(d, dl, "%d-bit exponent", f->ebits);
}

static int
e_odd3(const struct facts *f)
{
	return (f->e[f->elen - 1] & 1) && (f->ebits > 2 || e_value(f) >= 3);
}

static int
exp_invalid_fn(struct facts *f, char *d, size_t dl)
{
	return e_odd3(f) ? 0 : e_detail(f, d, dl);
}

static int
exp_range_fn(struct facts *f, char *d, size_t dl)
{
	if (!e_odd3(f) || (f->ebits <= 256 && (f->ebits > 17 || e_value(f) >= 65537)))
		return 0;
	return e_detail(f, d, dl);
}

/* --- the modulus: parity, small factors, powers ------------------------------ */

static int
mod_even_fn(struct facts *f, char *d, size_t dl)
{
	return f->n[f->nlen - 1] & 1 ? 0 : br_detail(d, dl, "even modulus");
}

/*
 * f->res and f->factor.  n is first reduced modulo the product of all
 * the primes (about 1000 bits), so that the word divisions, one per
 * word-sized product of primes, run on that and not on all of n.
 */
static int
residues(struct facts *f, const BIGNUM *n, BN_CTX *ctx)
{
	BN_ULONG prod[NPRIMES], r;
	size_t np = 0, i, j;
	BIGNUM *q, *rn;
	int ret = SMX_ERR_NOMEM;

	BN_CTX_start(ctx);
	q = BN_CTX_get(ctx);
	if ((rn = BN_CTX_get(ctx)) == NULL || !BN_one(q))
		goto out;
	for (i = 0; i < NPRIMES; np++) {
		for (prod[np] = 1; i < NPRIMES && prod[np] <= (BN_ULONG)-1 / primes[i]; i++)
			prod[np] *= primes[i];
		if (!BN_mul_word(q, prod[np]))
			goto out;
	}
	if (!BN_mod(rn, n, q, ctx))
		goto out;
	for (i = 0, j = 0; j < np; j++) {
		if ((r = BN_mod_word(rn, prod[j])) == (BN_ULONG)-1)
			goto out;
		for (; i < NPRIMES && prod[j] % primes[i] == 0; i++)
			f->res[i] = (unsigned)(r % primes[i]);
	}
	f->factor = 0;
	for (i = 1; f->factor == 0 && i < NPRIMES; i++)
		if (f->res[i] == 0 && f->bits > 10)	/* n itself is not a small prime */
			f->factor = primes[i];
	f->have_res = 1;
	ret = 0;
out:
	BN_CTX_end(ctx);
	return ret;
}

static unsigned long
powmod(unsigned long b, unsigned long e, unsigned long m)
{
	unsigned long long r = 1, x = b % m;

	for (; e != 0; e >>= 1, x = x * x % m)
		if (e & 1)
			r = r * x % m;
	return (unsigned long)r;
}

/* 1 when m (below 752^2) is prime. */
static int
is_small_prime(unsigned long m)
{
	for (size_t i = 0; i < NPRIMES && (unsigned long)primes[i] * primes[i] <= m; i++)
		if (m % primes[i] == 0)
			return 0;
	return m > 1;
}

/* The next prime after m that is 1 modulo 2k, below 752^2; 0 when none. */
static unsigned long
next_filter(unsigned long k, unsigned long m)
{
	for (m = m == 0 ? 2 * k + 1 : m + 2 * k; m < 752UL * 752; m += 2 * k)
		if (is_small_prime(m))
			return m;
	return 0;
}

/* n mod the prime m below 752, from the residues. */
static unsigned
table_residue(const struct facts *f, unsigned long m)
{
	size_t lo = 0, hi = NPRIMES - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (primes[mid] < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	return f->res[lo];
}

/* A candidate exponent k, its next filter m and the doubt left. */
struct cand {
	unsigned long k, m;
	unsigned long long doubt;
};

/* Test residue rm modulo c->m: 1 when c->k is ruled out. */
static int
rule_out(struct cand *c, unsigned long rm)
{
	if (rm == 0)
		return 0;	/* m divides n: no evidence either way */
	if (powmod(rm, (c->m - 1) / c->k, c->m) != 1)
		return 1;
	c->doubt *= c->k;
	return 0;
}

/* 1 when n = x^k for an integer x (Newton's integer root from above), <0 on error. */
static int
exact_power(const BIGNUM *n, unsigned long k, BN_CTX *ctx)
{
	BIGNUM *x, *y, *t, *e;
	int r = SMX_ERR_NOMEM;

	BN_CTX_start(ctx);
	x = BN_CTX_get(ctx);
	y = BN_CTX_get(ctx);
	t = BN_CTX_get(ctx);
	if ((e = BN_CTX_get(ctx)) == NULL)
		goto out;
	BN_zero(x);
	if (!BN_set_bit(x, (int)(((unsigned long)BN_num_bits(n) + k - 1) / k)) ||
	    !BN_set_word(e, k - 1))
		goto out;
	for (;;) {	/* y = ((k - 1) x + n / x^(k-1)) / k, while it falls */
		if (!BN_exp(t, x, e, ctx) || !BN_div(t, NULL, n, t, ctx) || !BN_copy(y, x) ||
		    !BN_mul_word(y, k - 1) || !BN_add(y, y, t) || BN_div_word(y, k) == (BN_ULONG)-1)
			goto out;
		if (BN_cmp(y, x) >= 0)
			break;
		if (!BN_copy(x, y))
			goto out;
	}
	if (!BN_set_word(e, k) || !BN_exp(t, x, e, ctx))
		goto out;
	r = BN_cmp(t, n) == 0;
out:
	BN_CTX_end(ctx);
	return r;
}

/*
 * f->power for an odd n without factors below 752.  Three rounds: the
 * filters below 752 for every k; then one filter above 752 for each k
 * left (a random modulus leaves the k that have none below 752), all
 * from n mod their product; then, for what is still left (rare: a
 * probability of 1/k each), one BN_mod_word() per filter, and the root.
 */
static int
find_power(struct facts *f, const BIGNUM *n, BN_CTX *ctx)
{
	struct cand c[NPRIMES];
	size_t nc = 0, i;
	BIGNUM *q, *rn;
	BN_ULONG rm;
	int r = SMX_ERR_NOMEM, e;

	f->power = 0;
	for (i = 0; i < NPRIMES && primes[i] <= f->bits / 9; i++) {
		struct cand *x = &c[nc];
		int out = 0;

		x->k = primes[i];
		x->m = 0;
		x->doubt = 1;
		while (!out && x->doubt < DOUBT && (x->m = next_filter(x->k, x->m)) != 0 &&
		    x->m < 752)
			out = rule_out(x, table_residue(f, x->m));
		nc += !out;
	}
	BN_CTX_start(ctx);
	q = BN_CTX_get(ctx);
	if ((rn = BN_CTX_get(ctx)) == NULL || !BN_one(q))
		goto out;
	for (i = 0; i < nc; i++)
		if (c[i].m >= 752 && c[i].doubt < DOUBT && !BN_mul_word(q, c[i].m))
			goto out;
	if (!BN_mod(rn, n, q, ctx))
		goto out;
	for (i = 0; i < nc; i++) {
		struct cand *x = &c[i];

		if (x->m >= 752 && x->doubt < DOUBT) {
			if ((rm = BN_mod_word(rn, x->m)) == (BN_ULONG)-1)
				goto out;
			if (rule_out(x, rm))
				continue;
			x->m = next_filter(x->k, x->m);
		}
		for (; x->m != 0 && x->doubt < DOUBT; x->m = next_filter(x->k, x->m)) {
			if ((rm = BN_mod_word(n, x->m)) == (BN_ULONG)-1)
				goto out;
			if (rule_out(x, rm))
				break;
		}
		if (x->m != 0 && x->doubt < DOUBT)
			continue;	/* ruled out */
		if ((e = exact_power(n, x->k, ctx)) < 0)
			goto out;
		if (e == 1) {
			f->power = (long)x->k;
			break;
		}
	}
	r = 0;
out:
	BN_CTX_end(ctx);
	return r;
}

/* Work out what is asked (0 = residues only, 1 = the power too). */
static int
modulus_facts(struct facts *f, int power)
{
	BN_CTX *ctx;
	BIGNUM *n;
	int r;

	if (f->have_res && (!power || f->power >= 0))
		return 0;
	if ((ctx = BN_CTX_new()) == NULL)
		return SMX_ERR_NOMEM;
	BN_CTX_start(ctx);
	if ((n = BN_CTX_get(ctx)) == NULL || BN_bin2bn(f->n, (int)f->nlen, n) == NULL)
		r = SMX_ERR_NOMEM;
	else if ((r = residues(f, n, ctx)) == 0 && power && f->power < 0)
		r = find_power(f, n, ctx);
	BN_CTX_end(ctx);
	BN_CTX_free(ctx);
	return r;
}

static int
factor_fn(struct facts *f, char *d, size_t dl)
{
	int r;

	if (!(f->n[f->nlen - 1] & 1))
		return 0;
	if ((r = modulus_facts(f, 0)) < 0)
		return r;
	return f->factor ? br_detail(d, dl, "modulus divisible by %u", f->factor) : 0;
}

static int
power_fn(struct facts *f, char *d, size_t dl)
{
	int r;

	if (!(f->n[f->nlen - 1] & 1))
		return 0;
	if ((r = modulus_facts(f, 0)) < 0)
		return r;
	if (f->factor != 0)
		return 0;
	if ((r = modulus_facts(f, 1)) < 0)
		return r;
	return f->power > 0 ?
	    br_detail(d, dl, "modulus is a perfect power, exponent %ld", f->power) : 0;
}

RSA_RULE(mod_2048)
RSA_RULE(mod_4096)
RSA_RULE(mod_8)
RSA_RULE(exp_invalid)
RSA_RULE(exp_range)
RSA_RULE(mod_even)
RSA_RULE(factor)
RSA_RULE(power)

/* --- the issuer (6.1.5, 2027-09-15) ---------------------------------------- */

/* The conditions: emailProtection in extKeyUsage, a mailbox in the SAN. */
static int
smime_issuance(const struct br_cert *c)
{
	GENERAL_NAMES *san;
	int found = 0;

	if (c->issuer == NULL || !(X509_get_extension_flags(c->x) & EXFLAG_XKUSAGE) ||
	    !(X509_get_extended_key_usage(c->x) & XKU_SMIME))
		return 0;
	san = X509_get_ext_d2i(c->x, NID_subject_alt_name, NULL, NULL);
	for (int i = 0; !found && i < sk_GENERAL_NAME_num(san); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(san, i);

		found = g->type == GEN_EMAIL || (g->type == GEN_OTHERNAME &&
		    OBJ_obj2nid(g->d.otherName->type_id) == NID_id_on_SmtpUTF8Mailbox);
	}
	GENERAL_NAMES_free(san);
	ERR_clear_error();
	return found;
}

static int
issuer_3072_fn(struct facts *f, char *d, size_t dl)
{
	return f->bits < 3072 ? br_detail(d, dl, "issuer modulus %d bits", f->bits) : 0;
}

static int
issuer_3072(const struct br_cert *c, char *d, size_t dl)
{
	return with_rsa(c->issuer, d, dl, issuer_3072_fn);
}

/* --- the table ------------------------------------------------------------ */

static const struct br_rule rules[] = {
	{ "e_rsa_key_invalid", BR_SEV_ERROR, "RFC 8017 A.1.1",
	  "an rsaEncryption key SHALL be a DER RSAPublicKey of two positive INTEGERs",
	  V100, 0, ALL, 0, 0, is_rsa_oid, rsa_invalid },
	{ "e_rsa_modulus_too_small", BR_SEV_ERROR, "6.1.5",
	  "the RSA modulus SHALL be at least 2048 bits", V100, 0, ALL, 0, 0, is_rsa, mod_2048 },
	{ "e_rsa_modulus_not_multiple_of_8", BR_SEV_ERROR, "6.1.5",
	  "the RSA modulus size in bits SHALL be evenly divisible by 8", V100, 0, ALL, 0, 0,
	  is_rsa, mod_8 },
	{ "e_ca_rsa_under_4096_from_2026_09_15", BR_SEV_ERROR, "6.1.5",
	  "CA certificates signed from 2026-09-15 SHALL have RSA moduli of at least 4096 bits",
	  20260915, 0, BR_ROLE_CA, 0, 0, is_rsa, mod_4096 },
	{ "e_rsa_exponent_invalid", BR_SEV_ERROR, "6.1.6",
	  "the RSA public exponent SHALL be odd and at least 3", V100, 0, ALL, 0, 0,
	  is_rsa, exp_invalid },
	{ "w_rsa_exponent_range", BR_SEV_WARN, "6.1.6",
	  "the RSA public exponent SHOULD be in [2^16+1, 2^256-1]", V100, 0, ALL, 0, 0,
	  is_rsa, exp_range },
	{ "w_rsa_modulus_even", BR_SEV_WARN, "6.1.6",
	  "the RSA modulus SHOULD be odd", V100, 0, ALL, 0, 0, is_rsa, mod_even },
	{ "w_rsa_modulus_small_factor", BR_SEV_WARN, "6.1.6",
	  "the RSA modulus SHOULD have no factors smaller than 752", V100, 0, ALL, 0, 0,
	  is_rsa, factor },
	{ "w_rsa_modulus_prime_power", BR_SEV_WARN, "6.1.6",
	  "the RSA modulus SHOULD NOT be the power of a prime", V100, 0, ALL, 0, 0,
	  is_rsa, power },
	{ "e_issuer_rsa_under_3072_from_2027_09_15", BR_SEV_ERROR, "6.1.5",
	  "from 2027-09-15 no S/MIME subscriber certificate from a CA with an RSA key under 3072 bits",
	  20270915, 0, BR_ROLE_SUBSCRIBER, 0, 0, smime_issuance, issuer_3072 },
};

const struct br_rule_group br_group_7_1_3_rsa = { rules, NELEM(rules) };
