#!/bin/sh
# mk-7_1_3.sh: test certificates for the BR rule groups 7_1_3 and 7_1_3_rsa
# (policy/br_7_1_3.c, policy/br_7_1_3_rsa.c): key and signature algorithms,
# RSA key sizes and quality, EC and EdDSA points, ML-DSA / ML-KEM keys.
#
# Needs POSIX sh, awk, od, bc and the openssl CLI (3.0 or newer), and the
# test PKI of ../mkdata.sh.  Writes 7_1_3/NAME.pem: the certificate, then
# its issuer (and the issuer's issuer where that one is made here too).
# NAME is the rule code the certificate must trigger (CODE or
# CODE--VARIANT) or good--VARIANT for one that must lint clean; see
# tests/unit/check_br_rules.c.  Every certificate is a correct strict
# mailbox-validated profile (like pki/certs/alice-rsa2048) but for the one
# defect its name gives.
#
# Three ways to make a certificate:
#   issue  - openssl ca, for every key and signature OpenSSL can make
#            (RSA-PSS signatures with -sigopt; SHA-1 with -md sha1);
#   craft  - the TBSCertificate written out in ASN1_generate_nconf(3)
#            syntax (openssl asn1parse -genconf), signed with openssl dgst
#            by rsa-ca, for what the CLI refuses: hand-made RSA numbers,
#            EC and EdDSA points off the curve, ML-DSA / ML-KEM keys
#            (OpenSSL 3.0 cannot load them), odd AlgorithmIdentifiers;
#   patch  - a byte substitution of the same length in a copied fixture.
# ML-DSA / ML-KEM material comes from ../../../../shared/testdata/pqc
# ($PQC_FIXTURES), copied into 7_1_3/ and 7_1_3/keys/ (see 7_1_3/README);
# when that directory is absent the committed copies are used.
#
# Deterministic: keys are made once into 7_1_3/keys/ and kept, serials and
# dates are fixed (openssl ca -startdate/-enddate, UTCTIME in the crafted
# ones).  RSA PKCS#1 v1.5 and EdDSA signatures are deterministic; ECDSA and
# RSASSA-PSS signatures change from run to run (random nonce and salt).
set -eu
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")"

PKI=../pki
G=7_1_3
KEYS=$G/keys
PQC=${PQC_FIXTURES:-../../../../shared/testdata/pqc}
START=20260601000000Z
END=20280801000000Z
CA_START=20260101000000Z
CA_END=20360101000000Z
MAILBOX=alice@example.com
export MAILBOX

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mk-7_1_3.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
mkdir -p "$KEYS"

die() {
	echo "mk-7_1_3: $*" >&2
	exit 1
}

run() {
	"$@" >"$TMP/log" 2>&1 || { cat "$TMP/log" >&2; die "failed: $*"; }
}

# hex FILE: its bytes as lower-case hex.  unhex: hex on stdin to bytes.
hex() {
	od -An -v -tx1 "$1" | tr -d ' \n'
}

unhex() {
	printf "$(tr -d ' \n' | awk '{
		h = "0123456789abcdef"
		for (i = 1; i < length($0); i += 2)
			printf "\\%03o", (index(h, substr($0, i, 1)) - 1) * 16 + index(h, substr($0, i + 1, 1)) - 1
	}')"
}

# pem DER-FILE / der PEM-FILE (its first certificate)
pem() {
	echo "-----BEGIN CERTIFICATE-----"
	openssl base64 -in "$1"
	echo "-----END CERTIFICATE-----"
}

der() {
	sed -n '/-BEGIN CERTIFICATE-/,/-END CERTIFICATE-/p' "$1" |
	    awk '/-END/ { exit } !/-BEGIN/' | openssl base64 -d
}

# bc with hex in and out (numbers in the expression are hex too), on one line
bchex() {
	echo "obase=16; ibase=16; $1" | bc | tr -d '\\\n'
}

# key NAME GENPKEY-ARGS...: keys/NAME.key, made once and then kept.
key() {
	k=$1
	shift
	[ -f "$KEYS/$k.key" ] || run openssl genpkey "$@" -out "$KEYS/$k.key"
}

# The certificate and key of a CA: one made here ($TMP), else the test PKI.
ca_cert() {
	if [ -f "$TMP/$1.pem" ]; then echo "$TMP/$1.pem"; else echo "$PKI/certs/$1.pem"; fi
}

ca_key() {
	if [ -f "$KEYS/$1.key" ]; then echo "$KEYS/$1.key"; else echo "$PKI/keys/$1.key"; fi
}

keyfile() {
	if [ -f "$KEYS/$1.key" ]; then echo "$KEYS/$1.key"; else echo "$PKI/keys/$1.key"; fi
}

SERIAL=0
next_serial() {
	SERIAL=$((SERIAL + 1))
	printf '7130C3A55E000000000000000000%04X' "$SERIAL"
}

# bundle NAME CERT ISSUER...: 7_1_3/NAME.pem
bundle() {
	n=$1
	shift
	cat "$@" >"$G/$n.pem"
}

cat >"$TMP/ca.cnf" <<'EOF'
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = $ENV::CADIR
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
policy = policy_any
unique_subject = no
email_in_dn = yes
copy_extensions = none
[ policy_any ]
countryName = optional
organizationName = optional
commonName = optional
emailAddress = optional
[ req ]
distinguished_name = req_dn
string_mask = utf8only
[ req_dn ]
[ ee ]
keyUsage = critical, digitalSignature
extendedKeyUsage = emailProtection
subjectAltName = email:$ENV::MAILBOX
certificatePolicies = 2.23.140.1.5.1.3
crlDistributionPoints = URI:http://crl.example.com/$ENV::CANAME.crl
authorityInfoAccess = caIssuers;URI:http://pki.example.com/$ENV::CANAME.crt
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ subca ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
extendedKeyUsage = emailProtection
certificatePolicies = 2.23.140.1.5.1.3
crlDistributionPoints = URI:http://crl.example.com/$ENV::CANAME.crl
authorityInfoAccess = caIssuers;URI:http://pki.example.com/$ENV::CANAME.crt
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF

# issue OUT KEY CA EXT SUBJECT START END [openssl ca options...]
issue() {
	out=$1 k=$2 ca=$3 ext=$4 subj=$5 nb=$6 na=$7
	shift 7
	CADIR=$(mktemp -d "$TMP/ca.XXXXXX")
	CANAME=$ca
	export CADIR CANAME
	: >"$CADIR/index.txt"
	next_serial >"$CADIR/serial"
	run openssl req -new -config "$TMP/ca.cnf" -key "$(keyfile "$k")" -subj "$subj" \
	    -out "$CADIR/req.csr"
	run openssl ca -batch -config "$TMP/ca.cnf" -notext -preserveDN -extensions "$ext" \
	    -startdate "$nb" -enddate "$na" -cert "$(ca_cert "$ca")" -keyfile "$(ca_key "$ca")" \
	    -in "$CADIR/req.csr" -out "$out" "$@"
}

# ee NAME KEY CA [openssl ca options...]: a subscriber certificate, then its CA.
ee() {
	n=$1 k=$2 ca=$3
	shift 3
	issue "$TMP/$n.pem" "$k" "$ca" ee "/CN=$MAILBOX/emailAddress=$MAILBOX" \
	    "$START" "$END" -md sha256 "$@"
	bundle "$n" "$TMP/$n.pem" "$(ca_cert "$ca")"
}

# subca NAME KEY CN [openssl ca options...]: a Subordinate CA under root-ca
# into $TMP/NAME.pem (its key is keys/KEY.key or pki/keys/KEY.key).
subca() {
	n=$1 k=$2 cn=$3
	shift 3
	issue "$TMP/$n.pem" "$k" root-ca subca "/C=US/O=smimilter Test PKI/CN=$cn" \
	    "$CA_START" "$CA_END" -md sha256 "$@"
}

# --- crafted certificates ----------------------------------------------------

AKI=$(openssl x509 -in "$PKI/certs/rsa-ca.pem" -noout -ext subjectKeyIdentifier |
    tail -n 1 | tr -d ' :' | tr 'A-F' 'a-f')

cat >"$TMP/body.cnf" <<'EOF'
[tbs]
version = EXPLICIT:0,INTEGER:2
serial = INTEGER:0x${SERIAL}
signature = SEQUENCE:${TBSALG}
issuer = SEQUENCE:issuer
validity = SEQUENCE:validity
subject = SEQUENCE:subject
spki = SEQUENCE:spki
extensions = EXPLICIT:3,SEQUENCE:extensions
[issuer]
c = SET:rdn_c
o = SET:rdn_o
cn = SET:rdn_cn
[rdn_c]
a = SEQUENCE:atv_c
[atv_c]
t = OID:countryName
v = PRINTABLESTRING:US
[rdn_o]
a = SEQUENCE:atv_o
[atv_o]
t = OID:organizationName
v = UTF8String:smimilter Test PKI
[rdn_cn]
a = SEQUENCE:atv_cn
[atv_cn]
t = OID:commonName
v = UTF8String:smimilter Test SMIME RSA CA 2026
[validity]
nb = UTCTIME:${NB}
na = UTCTIME:${NA}
[subject]
cn = SET:rdn_scn
e = SET:rdn_se
[rdn_scn]
a = SEQUENCE:atv_scn
[atv_scn]
t = OID:commonName
v = UTF8String:${MAILBOX}
[rdn_se]
a = SEQUENCE:atv_se
[atv_se]
t = OID:emailAddress
v = IA5STRING:${MAILBOX}
[extensions]
ku = SEQUENCE:ext_ku
eku = SEQUENCE:ext_eku
san = SEQUENCE:ext_san
pol = SEQUENCE:ext_pol
crl = SEQUENCE:ext_crl
aia = SEQUENCE:ext_aia
ski = SEQUENCE:ext_ski
aki = SEQUENCE:ext_aki
[ext_ku]
id = OID:keyUsage
critical = BOOLEAN:TRUE
value = OCTWRAP,FORMAT:BITLIST,BITSTRING:${KU}
[ext_eku]
id = OID:extendedKeyUsage
value = OCTWRAP,SEQUENCE:eku
[eku]
p = OID:emailProtection
[ext_san]
id = OID:subjectAltName
value = OCTWRAP,SEQUENCE:san
[san]
m = IMPLICIT:1,IA5STRING:${MAILBOX}
[ext_pol]
id = OID:certificatePolicies
value = OCTWRAP,SEQUENCE:pols
[pols]
p = SEQUENCE:pol
[pol]
id = OID:2.23.140.1.5.1.3
[ext_crl]
id = OID:crlDistributionPoints
value = OCTWRAP,SEQUENCE:dps
[dps]
dp = SEQUENCE:dp
[dp]
name = IMPLICIT:0,SEQUENCE:dpname
[dpname]
full = IMPLICIT:0,SEQUENCE:fullname
[fullname]
uri = IMPLICIT:6,IA5STRING:http://crl.example.com/rsa-ca.crl
[ext_aia]
id = OID:authorityInfoAccess
value = OCTWRAP,SEQUENCE:aia
[aia]
ad = SEQUENCE:ad
[ad]
m = OID:caIssuers
l = IMPLICIT:6,IA5STRING:http://pki.example.com/rsa-ca.crt
[ext_ski]
id = OID:subjectKeyIdentifier
value = OCTWRAP,FORMAT:HEX,OCTETSTRING:${SKI}
[ext_aki]
id = OID:authorityKeyIdentifier
value = OCTWRAP,SEQUENCE:aki
[aki]
kid = IMPLICIT:0,FORMAT:HEX,OCTETSTRING:${AKI}
[sha256rsa]
a = OID:sha256WithRSAEncryption
p = NULL
[sha256rsa_noparams]
a = OID:sha256WithRSAEncryption
[sha384rsa]
a = OID:sha384WithRSAEncryption
p = NULL
[rsa_alg]
a = OID:rsaEncryption
p = NULL
[rsa_alg_noparams]
a = OID:rsaEncryption
[rsakey]
n = INTEGER:0x${RSA_N}
e = INTEGER:${RSA_E}
EOF

# Expand ${VAR} in the genconf body (values are hex, dates, names: no '|').
body() {
	sed -e "s|\${SERIAL}|${SERIAL_HEX:-}|" -e "s|\${TBSALG}|${TBSALG:-}|" \
	    -e "s|\${NB}|${NB:-}|" -e "s|\${NA}|${NA:-}|" -e "s|\${MAILBOX}|$MAILBOX|g" \
	    -e "s|\${KU}|${KU:-}|" -e "s|\${SKI}|${SKI:-}|" -e "s|\${AKI}|$AKI|" \
	    -e "s|\${RSA_N}|${RSA_N:-}|" -e "s|\${RSA_E}|${RSA_E:-}|" "$TMP/body.cnf"
	printf '%s\n' "$SPKI"
}

# craft NAME: a subscriber certificate from ASN.1, issued by rsa-ca.  Set
# SPKI (genconf sections, [spki] first) and RAWKEY (hex of the
# subjectPublicKey bytes, for the key identifier); optional: KU (keyUsage
# bits, default 0 = digitalSignature), NB / NA (UTCTIME), TBSALG / OUTALG
# (genconf sections), SIGHEX (a signature to use instead of signing).
craft() {
	n=$1
	SERIAL_HEX=$(next_serial)
	KU=${KU:-0} NB=${NB:-260601000000Z} NA=${NA:-280801000000Z}
	TBSALG=${TBSALG:-sha256rsa} OUTALG=${OUTALG:-$TBSALG}
	RSA_N=${RSA_N:-00} RSA_E=${RSA_E:-0}
	SKI=$(echo "$RAWKEY" | unhex | openssl dgst -sha1 -r | cut -c1-40)
	{ echo "asn1 = SEQUENCE:tbs"; body; } >"$TMP/tbs.cnf"
	run openssl asn1parse -genconf "$TMP/tbs.cnf" -noout -out "$TMP/tbs.der"
	if [ -z "${SIGHEX:-}" ]; then
		run openssl dgst -sha256 -sign "$PKI/keys/rsa-ca.key" -out "$TMP/sig.bin" "$TMP/tbs.der"
		SIGHEX=$(hex "$TMP/sig.bin")
	fi
	{
		echo "asn1 = SEQUENCE:cert"
		echo "[cert]"
		echo "tbs = SEQUENCE:tbs"
		echo "alg = SEQUENCE:$OUTALG"
		echo "sig = FORMAT:HEX,BITSTRING:$SIGHEX"
		body
	} >"$TMP/cert.cnf"
	run openssl asn1parse -genconf "$TMP/cert.cnf" -noout -out "$TMP/$n.der"
	pem "$TMP/$n.der" >"$TMP/$n.pem"
	bundle "$n" "$TMP/$n.pem" "$PKI/certs/rsa-ca.pem"
	unset KU NB NA TBSALG OUTALG RSA_N RSA_E SIGHEX
}

# rsa_spki N-HEX E [noparams]: SPKI and RAWKEY for a hand-made RSA key.
rsa_spki() {
	RSA_N=$1 RSA_E=$2
	SPKI="[spki]
alg = SEQUENCE:rsa_alg${3:+_noparams}
key = BITWRAP,SEQUENCE:rsakey"
	{ echo "asn1 = SEQUENCE:rsakey"; body; } >"$TMP/rsakey.cnf"
	run openssl asn1parse -genconf "$TMP/rsakey.cnf" -noout -out "$TMP/rsakey.der"
	RAWKEY=$(hex "$TMP/rsakey.der")
}

# raw_spki ALG-OID [PARAM-OID] KEY-HEX: SPKI and RAWKEY for raw key bytes.
raw_spki() {
	if [ $# -eq 3 ]; then p="
p = OID:$2"; RAWKEY=$3; else p=; RAWKEY=$2; fi
	SPKI="[spki]
alg = SEQUENCE:raw_alg
key = FORMAT:HEX,BITSTRING:$RAWKEY
[raw_alg]
a = OID:$1$p"
}

# The raw public key bytes (hex) of a key file: SPKI DER minus the prefix.
pubhex() {
	openssl pkey -in "$1" -pubout -outform DER -out "$TMP/pub.der" 2>/dev/null ||
	    die "no public key in $1"
	hex "$TMP/pub.der" | cut -c"$(($2 * 2 + 1))"-
}

# The raw key of a copied RFC 9881 / 9935 example SPKI (22-byte prefix).
pqkey() {
	grep -v -- ----- "$KEYS/ietf-$1.pub" | openssl base64 -d >"$TMP/pq.der"
	hex "$TMP/pq.der" | cut -c45-
}

modulus() {
	openssl rsa -in "$(keyfile "$1")" -noout -modulus 2>/dev/null | sed 's/^Modulus=//'
}

# --- copies of the PQC fixtures -------------------------------------------------

if [ -d "$PQC" ]; then
	for a in ML-DSA-44 ML-DSA-65 ML-DSA-87 ML-KEM-512 ML-KEM-768 ML-KEM-1024; do
		cp "$PQC/ietf-examples/$a.pub" "$KEYS/ietf-$a.pub"
	done
	cp "$PQC/certs/ee-mldsa65.pem" "$G/good--fixture-ee-mldsa65.pem"
	cat "$PQC/certs/bad-ee-mldsa65-spki-null-params.pem" "$PQC/certs/ca-mldsa65.pem" \
	    >"$G/e_spki_alg_not_allowed--fixture-mldsa65-null-params.pem"
	cat "$PQC/certs/bad-ee-mldsa65-sigalg-null-params.pem" "$PQC/certs/ca-mldsa65.pem" \
	    >"$G/e_sig_alg_not_allowed--fixture-mldsa65-null-params.pem"
	# notBefore 2020-02-03: before the BR took effect, so judged by no rule
	cp "$PQC/ietf-examples/ML-DSA-44.crt" "$G/good--ietf-mldsa44-root-2020.pem"
	# ee-mldsa44 (signed with ML-DSA-65 by ca-mldsa65) relabelled as signed
	# with ML-DSA-44: both AlgorithmIdentifiers, same length.
	der "$PQC/certs/ee-mldsa44.pem" >"$TMP/ee44.der"
	hex "$TMP/ee44.der" | sed 's/300b0609608648016503040312/300b0609608648016503040311/g' |
	    unhex >"$TMP/ee44-relabelled.der"
	pem "$TMP/ee44-relabelled.der" >"$TMP/ee44-relabelled.pem"
	bundle e_sig_alg_issuer_mismatch--fixture-mldsa44-sig-mldsa65-ca \
	    "$TMP/ee44-relabelled.pem" "$PQC/certs/ca-mldsa65.pem"
fi
for a in ML-DSA-44 ML-DSA-65 ML-DSA-87 ML-KEM-512 ML-KEM-768 ML-KEM-1024; do
	[ -f "$KEYS/ietf-$a.pub" ] || die "$KEYS/ietf-$a.pub missing (set PQC_FIXTURES)"
done

# --- keys ------------------------------------------------------------------------

key rsa1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
key rsa2052 -algorithm RSA -pkeyopt rsa_keygen_bits:2052
key rsa-e3 -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3
key rsa-pss -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
key ec-explicit -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:explicit
key brainpool -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1
key secp256k1 -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1
if [ ! -f "$KEYS/dsa.key" ]; then
	run openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 \
	    -out "$TMP/dsa.param"
	run openssl genpkey -paramfile "$TMP/dsa.param" -out "$KEYS/dsa.key"
fi
key ca-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
key ca-p521 -algorithm EC -pkeyopt ec_paramgen_curve:P-521
key ca-ed25519 -algorithm ED25519
key ca-ed448 -algorithm ED448
key ca-rsa2048 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
key ca-rsa3072 -algorithm RSA -pkeyopt rsa_keygen_bits:3072

# --- CAs made here -----------------------------------------------------------

subca ca-p256 ca-p256 "smimilter Test BR P-256 CA"
subca ca-p521 ca-p521 "smimilter Test BR P-521 CA"
subca ca-ed25519 ca-ed25519 "smimilter Test BR Ed25519 CA"
subca ca-ed448 ca-ed448 "smimilter Test BR Ed448 CA"
subca ca-rsa2048 ca-rsa2048 "smimilter Test BR RSA-2048 CA"
ROOT=$PKI/certs/root-ca.pem

# --- good: every allowed key and signature algorithm -----------------------------

ee good--rsa2048 alice-rsa2048 rsa-ca
ee good--rsa3072 carol-rsa3072 rsa-ca
ee good--rsa4096 dave-rsa4096 rsa-ca
ee good--sig-rsa-sha384 alice-rsa2048 rsa-ca -md sha384
ee good--sig-rsa-sha512 alice-rsa2048 rsa-ca -md sha512
for h in 256:32 384:48 512:64; do
	ee "good--sig-rsa-pss-sha${h%:*}" alice-rsa2048 rsa-ca -md "sha${h%:*}" \
	    -sigopt rsa_padding_mode:pss -sigopt "rsa_pss_saltlen:${h#*:}" \
	    -sigopt "rsa_mgf1_md:sha${h%:*}"
done
ee good--ec-p256 bob-ec-p256 ec-ca -md sha384
ee good--ec-p384 erin-ec-p384 ec-ca -md sha384
ee good--ec-p521 frank-ec-p521 ec-ca -md sha384
ee good--sig-ecdsa-sha256 bob-ec-p256 ca-p256 -md sha256
ee good--sig-ecdsa-sha512 bob-ec-p256 ca-p521 -md sha512
ee good--ed25519 grace-ed25519 rsa-ca
ee good--ed448 heidi-ed448 rsa-ca
ee good--sig-ed25519 alice-rsa2048 ca-ed25519 -md default
ee good--sig-ed448 alice-rsa2048 ca-ed448 -md default

# The crafted-certificate baseline: alice's own key, must equal an issued one.
rsa_spki "$(modulus alice-rsa2048)" 65537
craft good--crafted-rsa2048

for a in ML-DSA-44:2.16.840.1.101.3.4.3.17 ML-DSA-65:2.16.840.1.101.3.4.3.18 \
    ML-DSA-87:2.16.840.1.101.3.4.3.19; do
	raw_spki "${a#*:}" "$(pqkey "${a%%:*}")"
	craft "good--$(echo "${a%%:*}" | tr 'A-Z' 'a-z' | tr -d -)"
done
for a in ML-KEM-512:2.16.840.1.101.3.4.4.1 ML-KEM-768:2.16.840.1.101.3.4.4.2 \
    ML-KEM-1024:2.16.840.1.101.3.4.4.3; do
	raw_spki "${a#*:}" "$(pqkey "${a%%:*}")"
	KU=2 craft "good--$(echo "${a%%:*}" | tr 'A-Z' 'a-z' | tr -d -)"
done

# RSA CAs around the SMC017 dates.
subca ca-rsa3072-early ca-rsa3072 "smimilter Test BR RSA-3072 CA 2026-09-14" \
    -startdate 20260914000000Z
bundle good--ca-rsa3072-2026-09-14 "$TMP/ca-rsa3072-early.pem" "$ROOT"
issue "$TMP/leaf-2027-09-14.pem" alice-rsa2048 ca-rsa2048 ee "/CN=$MAILBOX/emailAddress=$MAILBOX" \
    20270914000000Z 20290914000000Z -md sha256
bundle good--issuer-rsa2048-2027-09-14 "$TMP/leaf-2027-09-14.pem" "$TMP/ca-rsa2048.pem"

# --- SubjectPublicKeyInfo algorithms --------------------------------------------

ee e_spki_alg_not_allowed--rsa-pss-key rsa-pss rsa-ca
ee e_spki_alg_not_allowed--ec-explicit-curve ec-explicit rsa-ca
ee e_spki_alg_not_allowed--brainpool brainpool rsa-ca
ee e_spki_alg_not_allowed--secp256k1 secp256k1 rsa-ca
ee e_spki_alg_not_allowed--dsa dsa rsa-ca
rsa_spki "$(modulus alice-rsa2048)" 65537 noparams
craft e_spki_alg_not_allowed--rsa-params-absent
raw_spki 2.16.840.1.101.3.4.3.32 "$(pqkey ML-DSA-44)"
craft e_spki_alg_not_allowed--hash-mldsa44-with-sha512

# --- RSA keys -------------------------------------------------------------------

N=$(modulus alice-rsa2048)
ee e_rsa_modulus_too_small rsa1024 rsa-ca
ee e_rsa_modulus_not_multiple_of_8 rsa2052 rsa-ca
ee w_rsa_exponent_range--3 rsa-e3 rsa-ca
rsa_spki "$N" 65536
craft e_rsa_exponent_invalid--even
rsa_spki "$N" 1
craft e_rsa_exponent_invalid--one
rsa_spki "$N" "0x$(bchex "2^100 + 1")"	# bc reads hex: 2^256 + 1
craft w_rsa_exponent_range--over-2-256
rsa_spki "$(bchex "$N - 1")" 65537
craft w_rsa_modulus_even
rsa_spki "$(bchex "$N - ($N % 6) + 3")" 65537	# odd, a multiple of 3
craft w_rsa_modulus_small_factor
# p = 2^1024 - 105 (bc reads hex: 2^400 - 69) is prime; p^2 is a 2048-bit odd
# modulus without small factors.
P=$(bchex "2^400 - 69")
openssl prime -hex "$P" | grep -q ' is prime' || die "p is not prime"
rsa_spki "$(bchex "$P^2")" 65537
craft w_rsa_modulus_prime_power
RSAKEY_GARBAGE=0203010001
RAWKEY=$RSAKEY_GARBAGE
SPKI="[spki]
alg = SEQUENCE:rsa_alg
key = FORMAT:HEX,BITSTRING:$RSAKEY_GARBAGE"
craft e_rsa_key_invalid

subca ca-rsa3072-late ca-rsa3072 "smimilter Test BR RSA-3072 CA 2026-09-15" \
    -startdate 20260915000000Z
bundle e_ca_rsa_under_4096_from_2026_09_15 "$TMP/ca-rsa3072-late.pem" "$ROOT"
issue "$TMP/leaf-2027-09-15.pem" alice-rsa2048 ca-rsa2048 ee "/CN=$MAILBOX/emailAddress=$MAILBOX" \
    20270915000000Z 20290915000000Z -md sha256
bundle e_issuer_rsa_under_3072_from_2027_09_15 "$TMP/leaf-2027-09-15.pem" "$TMP/ca-rsa2048.pem"

# --- EC and EdDSA points, ML-DSA / ML-KEM keys -------------------------------------

PT=$(pubhex "$PKI/keys/bob-ec-p256.key" 26)
raw_spki id-ecPublicKey prime256v1 "$(echo "$PT" | cut -c1-128)$(echo "$PT" | cut -c129-130 |
    tr '0-9a-f' '1-9a-f0')"	# y changed in its last nibble: off the curve
craft e_ec_point_invalid--off-the-curve
raw_spki id-ecPublicKey prime256v1 00	# the point at infinity: decodes, fails validation
craft e_ec_point_invalid--infinity
raw_spki ED25519 "02$(printf '%062d' 0)"	# y = 2: x^2 is not a square
craft e_eddsa_point_invalid--ed25519-not-on-curve
raw_spki ED448 "02$(printf '%0112d' 0)"	# y = 2: not on the curve either
craft e_eddsa_point_invalid--ed448-not-on-curve
raw_spki ED448 "$(awk 'BEGIN { for (i = 0; i < 56; i++) printf "ff"; print "7f" }')"	# y >= p
craft e_eddsa_point_invalid--ed448-y-not-below-p

K44=$(pqkey ML-DSA-44)
raw_spki 2.16.840.1.101.3.4.3.17 "04820520$K44"	# an OCTET STRING around the key
craft e_mldsa_key_length--octet-string-wrapped
raw_spki 2.16.840.1.101.3.4.4.1 "$(pqkey ML-KEM-768)"	# a 768 key named 512
KU=2 craft e_mlkem_key_length--768-key-as-512
raw_spki 2.16.840.1.101.3.4.4.2 "$(pqkey ML-KEM-768)"
KU=2 NB=250801000000Z NA=270801000000Z craft e_pqc_before_2025_08_22--mlkem768-2025-08-01

# --- signature algorithms --------------------------------------------------------

ee e_sig_alg_not_allowed--rsa-sha224 alice-rsa2048 rsa-ca -md sha224
ee e_sig_alg_not_allowed--ecdsa-sha224 bob-ec-p256 ec-ca -md sha224
ee e_sig_alg_not_allowed--pss-salt-20 alice-rsa2048 rsa-ca -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:20 -sigopt rsa_mgf1_md:sha256
ee e_sig_alg_not_allowed--pss-openssl-defaults alice-rsa2048 rsa-ca -sigopt rsa_padding_mode:pss
ee e_sig_alg_not_allowed--pss-mgf1-sha512 alice-rsa2048 rsa-ca -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha512
rsa_spki "$N" 65537
TBSALG=sha256rsa_noparams craft e_sig_alg_not_allowed--rsa-sha256-params-absent
rsa_spki "$N" 65537
TBSALG=sha256rsa OUTALG=sha384rsa craft e_sig_alg_tbs_mismatch

ee e_sig_sha1--rsa alice-rsa2048 rsa-ca -md sha1
ee e_sig_sha1--ecdsa bob-ec-p256 ec-ca -md sha1
ee e_sig_sha1--pss-sha1 alice-rsa2048 rsa-ca -md sha1 -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:20
subca ca-sha1 rsa-ca "smimilter Test BR SHA-1 Sub CA" -md sha1
bundle e_sig_sha1--subca "$TMP/ca-sha1.pem" "$ROOT"

ee e_sig_alg_issuer_mismatch--p384-ca-sha256 bob-ec-p256 ec-ca -md sha256
ee e_sig_alg_issuer_mismatch--p256-ca-sha384 bob-ec-p256 ca-p256 -md sha384

# 7.1.3.1.1: SHA-1 Subordinate CAs from before the BR (Extant), one valid past
# 2026-09-15 (due for revocation before then), one expiring the day before
issue "$TMP/ca-sha1-2022.pem" rsa-ca root-ca subca \
    "/C=US/O=smimilter Test PKI/CN=smimilter Test BR SHA-1 Sub CA 2022" \
    20220101000000Z 20300101000000Z -md sha1
bundle e_subca_sha1_unexpired_2026_09_15 "$TMP/ca-sha1-2022.pem" "$ROOT"
issue "$TMP/ca-sha1-2022-short.pem" rsa-ca root-ca subca \
    "/C=US/O=smimilter Test PKI/CN=smimilter Test BR SHA-1 Sub CA 2022 short" \
    20220101000000Z 20260914235959Z -md sha1
bundle good--subca-sha1-2022-expired-2026-09-14 "$TMP/ca-sha1-2022-short.pem" "$ROOT"

echo "mk-7_1_3: $(ls "$G"/*.pem | wc -l) certificates in $G/"
