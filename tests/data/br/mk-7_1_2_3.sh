#!/bin/sh
# mk-7_1_2_3.sh: test certificates for the subscriber-extension rules of
# policy/br_7_1_2_3*.c (S/MIME BR 7.1.2.3 b-n, 7.1.2.4).
#
# Usage: sh tests/data/br/mk-7_1_2_3.sh   (from anywhere; needs the openssl
# CLI, python3, and the test PKI that ../mkdata.sh made in ../pki)
#
# Writes 7_1_2_3/NAME.pem: a certificate, then its issuer.  NAME is the rule
# code the certificate must trigger (CODE or CODE--VARIANT), or good--VARIANT
# for one that must lint clean (see tests/unit/check_br_rules.c).  Each one
# starts as the correct Strict Mailbox-validated profile of reset() (like
# pki/certs/alice-rsa2048: keyUsage, EKU, SAN, reserved policy, CRL DP, AIA,
# AKI, SKI, 792 days) and differs only in what its name says.  What the
# openssl CLI cannot write is made by DER surgery (edit.py below, on
# der.py), after which the certificate is signed again by its issuer.
#
# Deterministic: fixed dates (openssl ca -startdate/-enddate), serials from
# the file name, RSA PKCS#1 v1.5 signatures.  Only the ECDSA signatures of
# the certificates issued by ec-ca change from run to run.  OpenSSL 3.0 has
# no ML-DSA or ML-KEM: those certificates are made with an RSA key and then
# get the public key below (from the PQC fixtures ee-mldsa44 and
# ee-mlkem768) by surgery.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
PKI=../pki
G=7_1_2_3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mk-7_1_2_3.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
mkdir -p "$G"
rm -f "$G"/*.pem

MV_STRICT=2.23.140.1.5.1.3
MV_MP=2.23.140.1.5.1.2
MV_LEGACY=2.23.140.1.5.1.1
OV_STRICT=2.23.140.1.5.2.3
SV_STRICT=2.23.140.1.5.3.3
IV_STRICT=2.23.140.1.5.4.3
LEI=1.3.6.1.4.1.52266.1
LEI_ROLE=1.3.6.1.4.1.52266.2
ADOBE_TS=1.2.840.113583.1.1.9.1
ADOBE_ARC=1.2.840.113583.1.1.9.2
SMIME_CAPS=1.2.840.113549.1.9.15
SDA=2.5.29.9
QCS=1.3.6.1.5.5.7.1.3
UPN=1.3.6.1.4.1.311.20.2.3
SMTPUTF8=1.3.6.1.5.5.7.8.9

# --- public keys OpenSSL 3.0 cannot make ----------------------------------

cat > "$TMP/ml-dsa-44.pub" <<'EOF'
-----BEGIN PUBLIC KEY-----
MIIFMjALBglghkgBZQMEAxEDggUhAEjlUoeeXUT296s7i1DWzx+hFyaNUovAKVrs
AY9QFeQfTCiGMrIyNtplKYnCGmjrAhCVPA9W1CZ8rO5y6wm0y7ihOQT4jELJaNGc
GFaHz5l2R6crqoNJr4uBLRZupZrhMwskWhu0ZLg1Fte25ZkEpe2QoaD/QTHYHVlz
vZtF7BWHNfhOZ36IvhbAWN6u90cLQS5ZsZjZyZcE0+VMjfCnbC0nGKyf/fbyZ9/4
6X0iBOqjJ3DCp0DTmEfFRofVmeAwtMkUscWzJEN8UosNXZ+sVOOjIO7sui636dKP
3Zvv8+2H09dk5gzzo1xTe5eHJvUWi4qJRfJzjPwVwFKnpPOhxGr/dfP1fJr1Qv4q
g2ctM9vhJCdPRiIXOLHAGvps29WYZkHF/9OD1Md+H7Ith0wGiAc/ySnaWt1yiyJT
MV/XlIkD/5xNgl7fPG2WOz+e281munEO+4IX6uvkO6Ixg8wH7P0MMCGr4t5suuMw
JbwLCDYLYPlYb0TaM48y8rVnRq+snujMfO+va06p+mE+z92Q3B1h5/f3MbsVk1yD
G9c/G2XJa/BaROySQDOaM7CdQWPA5zFBidrkv3iEJodCQ3ipjGLVp8XqB1KpsztQ
742B49eX1Zr8j+UMBqzNJa41Rpx7NaH2tSQ9G0SlwI19WprXZcUS/veQiB/45Cuu
5Oh2NWvB2uOb5ObrXGZQ48aN2Pbj+ZtIkuBIeA0mIKgbxlNdPmaws6PrABLNVCvJ
CDLhYoGLIw00U7wlWX3QJZNasICJlUUYjUFOYQCidFVhy2Sd8Gv2SMAY844LuudS
MlHRByKzHpG3SGjYexSOl5LGJFTtsSB5Dl2Lx49k4MgIXq/2Izdorj0yxtDryztD
v9m5ZHamQbmbYKdqZUl5cTaYkSsSD0nILFtKQLNcvEyQRAdkzzX5QVjHohKJNUZL
6QkCen23t89IMnJx46ZUBB6vszPY4ISnfUwKVMKh937xoKzOZwC+zZHA+BOHFxmz
V+UCs+f12wvJpZUMxIX4TJEDJNclv7ywOI+BDOJAmxCyTo5Zt4VMSId34Hsy1I4X
dJvwZbBXiImE10clEuiEmcPcxWWsqTtJn2Z3D9QMgdhPB56FXxADqm9q981xgQ2k
a0thh0xp6/whvwj05dTyxTE1eS66JP7U8apOTJY9SasJChSnnL5xXoNloq6QWJ8T
jMud+rfr1uRNnbZ1fKGE9VHw0ShBn0Usd0bAj3oK5P327KMM2pyanuZ2e48m8DyO
mzAGM0liVB4vpeS4oEebgUzCFDQ2S5ke+ZuuGcfrd6eLwlTcfmHDYL6lCDqoSAoI
QDpjBWpEGLJa1FS6gZCT3+cPZMqn5w6fHbPuZ8wyakR3Mk+H7a8VfnqnP7B/H6QT
JRC5Y90A7s5qQf3m46ZBqkXIz26DDa1sDCCes0FUmGlWKzuTSU58UFgWuKRTAwic
irIaN9OeSt/UuSoCJ5hxYCkEjIfpqhQKtbA06ywwbWSxGfF/rki3lFmFGpAxIqYd
FTvkpi4n03O4DOqtFsTSBJ2cBs7SscXUf0NJizNbwqzFeg6MrO7B8FLAG2IL2nZG
j8mEnIebyieuFuKhXIpGxXPX8vk59fpTToFKWIZYF8mu7hY0j/WAlxh84TZA0t/T
OonhF6Epc4IOIDvpSeaqrxPao2e8Gn7osc5yWKbfBTwZvtS/QeD1olXXYfKZmZq9
BCrzOu8XnR7Lf8d2nBjIlCtdJ/5Wjso8rnWsFelMh5lmR9MW+hg=
-----END PUBLIC KEY-----
EOF
cat > "$TMP/ml-kem-768.pub" <<'EOF'
-----BEGIN PUBLIC KEY-----
MIIEsjALBglghkgBZQMEBAIDggShAIFAwDL8FZFGCzSxrFMWkQcDPxjgajogRZgi
CC2xegxwV7WstZ42LsknhZQ0uRKqOcGapap0I6Dlmk2zB/8QA+8ljrc4rXG5q3Q0
pSOcVtMAp/qIrJGcKvmnFfCwrEVQmp/gMOC5CVnIvXxwtN2HjC8ntkcTTo4GJlMg
mvJjZg2QIBygaBwxVxVjUTHxUBTBZ+zqJoP2ATC5qhfpuF9UNHx7PdQZKST1zsgw
qlmqrDuLEdmazQCZbanHll/IoS6ZO8b2drcGlt6lmNuSyvwoGVdgOHpKlNSZhdSI
X0pkRDBarOn0SweUc5MkwrBqFhPjRuC1YahCIlPkLoviBChoiTAxYHDEXf4HsVVo
s+ZzL2UjUXdCLAmCyiqkrLnzYIyKnSu3zErhYcg3IIaJNSJIXvk8Lel2dtPoB2+S
iu30C7NCCpVmaxPUhTW2spp0KGd0Xkn5x8CXgKTpEHyQCpl6qEG4xfsCQeEmAQWj
H2sXlBcpXGclPri0LhU0NYkijjXrh7eRshpslGNHR5wEzzXaP8PXJ97nGw+ytAT2
Fq8QfQjVn7UrLz+UBP63T7OjRRqjtDvaOepBNEGWc+L0egswWQlkk/6GqZqbTTO8
s/vxkiySxcvTzevlZhpURWV2Vz/Jze9LdRw8TJ2BN+XgNUpTbCXngy8zd6eEz7FZ
mGG0GPYWwIm5sce1swb7imEpBqCpYOwIj4dlzZA3TwO7b/jKFrhiD+JrVY2nQ5Hg
vVk2GM5bTP87eLqEJWOwtLlkZWdLAKUUnM94rKigcsyiVCIgwwMKPVgHxPkEF2Wm
Qk82EJ+lIYgZdH/rHJjyMaQ0t3WYSZm4okELML4wSBwJF1H7MW92DGIptE9ITAV7
Tha3mzVALflHun40q2o6sJdQquTYi63wnGTSsXOTsQIHGQ0Eq2NbuRu5Au5Ex/Cz
NnaLFCzXZ4G5Lus5Hiwye2gJhliREGiWHW9ZdgXpNj/HM0JBGUQoBsxjpsoLrtTT
sfD2TwAKkF0RneIli0CYO7+DOC6QR1eQQMwFM8L7aHSaJbe8Ak/bPOnIABDwZUlQ
KdCweeJ0PH71mcC4IwYwY9qlf8/jSJTxAx/8EJCjCIf3vFZhAk37aKAKgaCEQIyh
Z8oHvumJr9iMo7JQMxbMt8EwwfUoEWvgXIIgNktTcrhxco3luvDAw2CZdqI2kQ5n
cxWRPR3YDuS1NDVYMebqERaWq02phOZMP/NJTDoZl1WhFeLxEDFZJ8bxE/8EltGs
XP1jQ9jsW/pIbZkSjGx6UwNqcaW3OyrxdvpyZryxKSggqs0aWV5mgo/QBGUCsgFb
Lv70u6qbqnbnJwg3YxkSYEfCYfnVvl/hUY3jeFDZTfq0D6hgfdPiIhawcMNKPfih
X5apoaFDLjNRBjYjpXvkcbGGLAklwL5hczl1HpJoSSnzqmTltGNKaKvHKWUzPWwC
SAS0lvMLNfc1wbhGZ8S0gyd0qDfZEAZLMh4ogwJhkrZSQSirVAC6M+Q7nPchZt8T
elWTAZPLmI0Vm8OYeW78k34YxkU5oOINQY8U9sxm4zAnnIukXb+e3HKmo9fBB4a/
CnMXa+z5
-----END PUBLIC KEY-----
EOF

# --- DER surgery: edit.py CERT CAKEY OP... (then signed again) -------------
#   spki=FILE   the SubjectPublicKeyInfo of a PEM public key, and the
#               subjectKeyIdentifier made from it (SHA-1, RFC 5280 4.2.1.2)
#   ski-sha256  subjectKeyIdentifier = leftmost 160 bits of SHA-256 (RFC 7093)
#   aki-empty   authorityKeyIdentifier = an empty SEQUENCE
#   garble-ku   keyUsage value = an INTEGER (does not decode)
#   ku-trailing keyUsage value followed by a NULL (bytes over)

cat > "$TMP/edit.py" <<'EOF'
import base64, hashlib, os, subprocess, sys
sys.path.insert(0, os.getcwd())
import der

SKI, AKI, KU = bytes.fromhex("551d0e"), bytes.fromhex("551d23"), bytes.fromhex("551d0f")

def ext(cert, oid):
    for e in der.extensions(cert):
        if e[1][0][1] == oid:
            return e
    raise KeyError(oid.hex())

def bits(cert):
    return der.tbs(cert)[1][6][1][1][1][1:]

def set_ski(cert, h):
    ext(cert, SKI)[1][-1][1] = der.encode([[0x04, h[:20]]])

path, cakey = sys.argv[1], sys.argv[2]
cert, rest = der.load_pem(path)
for op in sys.argv[3:]:
    if op.startswith("spki="):
        text = open(op[5:]).read().split("-----")[2]
        der.tbs(cert)[1][6] = der.parse(base64.b64decode("".join(text.split())))[0]
        set_ski(cert, hashlib.sha1(bits(cert)).digest())
    elif op == "ski-sha256":
        set_ski(cert, hashlib.sha256(bits(cert)).digest())
    elif op == "aki-empty":
        ext(cert, AKI)[1][-1][1] = bytes.fromhex("3000")
    elif op == "garble-ku":
        ext(cert, KU)[1][-1][1] = bytes.fromhex("020105")
    elif op == "ku-trailing":
        ext(cert, KU)[1][-1][1] += bytes.fromhex("0500")
    else:
        sys.exit("edit.py: unknown operation " + op)
tbs = der.encode([der.tbs(cert)])
sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", cakey], input=tbs,
                     stdout=subprocess.PIPE, check=True).stdout
cert[1][2] = [0x03, b"\x00" + sig]
open(path, "w").write(der.dump_pem(cert, rest))
EOF

# --- issuing ----------------------------------------------------------------

# The profile every certificate starts from; a test changes what it needs.
# An empty value leaves the extension out ("none" for SKI and AKI, which
# openssl ca adds by itself otherwise).  EXTRA: more "name = value" lines of
# the extension section; SECTIONS: config sections they refer to; EDIT:
# edit.py operations.
reset() {
	KEY=alice-rsa2048 CA=rsa-ca MD=sha256
	SUBJ=/CN=alice@example.com/emailAddress=alice@example.com
	START=20260601000000Z END=20280801000000Z
	POL=$MV_STRICT
	KU="critical, digitalSignature"
	EKU=emailProtection
	SAN=email:alice@example.com
	CRLDP=URI:http://crl.example.com/rsa-ca.crl
	AIA="caIssuers;URI:http://pki.example.com/rsa-ca.crt"
	SKI=hash AKI=keyid:always BC=
	EXTRA= SECTIONS= EDIT=
}

# subscriber KEY MAILBOX: another key and mailbox under rsa-ca
subscriber() {
	KEY=$1 SUBJ=/CN=$2/emailAddress=$2 SAN=email:$2
}

# ec KEY MAILBOX: an EC subscriber under ec-ca (ecdsa-with-SHA384)
ec() {
	subscriber "$1" "$2"
	CA=ec-ca MD=sha384
	CRLDP=URI:http://crl.example.com/ec-ca.crl
	AIA="caIssuers;URI:http://pki.example.com/ec-ca.crt"
}

# legacy: the Legacy generation, issued before its policy OIDs were retired
legacy() {
	POL=$MV_LEGACY START=20250101000000Z END=20271231000000Z
}

line() {
	[ -z "$2" ] || printf '%s = %s\n' "$1" "$2"
}

# ee NAME: issue the certificate and write $G/NAME.pem
ee() {
	d=$TMP/$1
	mkdir -p "$d"
	: > "$d/index.txt"
	s=$(printf '%s' "$1" | openssl dgst -sha256 -r | cut -c1-32)
	echo "5${s#?}" > "$d/serial"
	{
		cat <<EOF
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = $d
database = $d/index.txt
new_certs_dir = $d
serial = $d/serial
policy = policy_any
unique_subject = no
email_in_dn = yes
copy_extensions = none
[ policy_any ]
commonName = optional
[ req ]
distinguished_name = req_dn
string_mask = utf8only
[ req_dn ]
[ ext ]
EOF
		line basicConstraints "$BC"
		line keyUsage "$KU"
		line extendedKeyUsage "$EKU"
		line subjectAltName "$SAN"
		line certificatePolicies "$POL"
		line crlDistributionPoints "$CRLDP"
		line authorityInfoAccess "$AIA"
		line subjectKeyIdentifier "$SKI"
		line authorityKeyIdentifier "$AKI"
		[ -z "$EXTRA" ] || printf '%s\n' "$EXTRA"
		[ -z "$SECTIONS" ] || printf '%s\n' "$SECTIONS"
	} > "$d/cnf"
	openssl req -new -config "$d/cnf" -key "$PKI/keys/$KEY.key" -subj "$SUBJ" \
	    -out "$d/csr" 2>> "$TMP/log"
	openssl ca -batch -config "$d/cnf" -notext -preserveDN -md "$MD" -extensions ext \
	    -startdate "$START" -enddate "$END" -in "$d/csr" -out "$d/cert.pem" \
	    -cert "$PKI/certs/$CA.pem" -keyfile "$PKI/keys/$CA.key" > /dev/null 2>> "$TMP/log"
	# shellcheck disable=SC2086
	[ -z "$EDIT" ] || python3 "$TMP/edit.py" "$d/cert.pem" "$PKI/keys/$CA.key" $EDIT
	cat "$d/cert.pem" "$PKI/certs/$CA.pem" > "$G/$1.pem"
}

# Config sections the optional extensions use.
OPTIONAL_SECTIONS="
[ caps ]
aes256 = SEQUENCE:cap_aes256
[ cap_aes256 ]
alg = OID:2.16.840.1.101.3.4.1.42
[ qcs ]
compliance = SEQUENCE:qc_compliance
[ qc_compliance ]
id = OID:0.4.0.1862.1.1
[ adobe_ts ]
version = INTEGER:1
location = IMP:6,IA5STRING:http://tsa.example.com/
requiresAuth = BOOLEAN:false
[ adobe_arc ]
version = INTEGER:1
[ sda ]
citizenship = SEQUENCE:sda_citizenship
[ sda_citizenship ]
type = OID:1.3.6.1.5.5.7.9.4
values = SET:sda_us
[ sda_us ]
c = PRINTABLESTRING:US
[ crl_dn ]
CN = smimilter Test CRL
[ san_dn ]
CN = alice@example.com
"
LEI_VALUE=ASN1:PRINTABLESTRING:5493001KJTIIGC8Y1R12
ROLE_VALUE=ASN1:PRINTABLESTRING:Director
OV_SUBJ="/C=US/O=Example Corp/organizationIdentifier=NTRUS-1234567/CN=Example Corp"
SV_SUBJ="/C=US/O=Example Corp/organizationIdentifier=NTRUS-1234567/GN=Alice/SN=Example/CN=Alice Example"
IV_SUBJ="/C=US/GN=Alice/SN=Example/CN=Alice Example"

# --- good certificates: every generation and key type ----------------------

reset; ee good--rsa-strict-signing
reset; KU="critical, digitalSignature, nonRepudiation, keyEncipherment"
BC="critical, CA:FALSE"; ee good--rsa-strict-dual-use
reset; KU="critical, keyEncipherment"; ee good--rsa-strict-key-management
reset; POL=$MV_MP; KU="critical, digitalSignature, keyEncipherment, dataEncipherment"
ee good--rsa-multipurpose-data-encipherment
reset; POL=$MV_MP; KU="critical, keyEncipherment, dataEncipherment"
EKU="emailProtection, clientAuth"
SAN="email:alice@example.com, otherName:$UPN;UTF8:alice@example.com"
AIA="OCSP;URI:http://ocsp.example.com/, caIssuers;URI:http://pki.example.com/rsa-ca.crt"
EXTRA="$SMIME_CAPS = ASN1:SEQUENCE:caps
$QCS = ASN1:SEQUENCE:qcs
$ADOBE_TS = ASN1:SEQUENCE:adobe_ts
$ADOBE_ARC = ASN1:SEQUENCE:adobe_arc"
SECTIONS=$OPTIONAL_SECTIONS; ee good--multipurpose-optional-extensions
reset; legacy; KU="critical, digitalSignature, keyEncipherment, dataEncipherment"
CRLDP="URI:http://crl.example.com/rsa-ca.crl, URI:ldap://ldap.example.com/cn=rsa-ca"
AIA="OCSP;URI:http://ocsp.example.com/, OCSP;URI:ldap://ldap.example.com/cn=ocsp, caIssuers;URI:http://pki.example.com/rsa-ca.crt, caIssuers;URI:ldap://ldap.example.com/cn=rsa-ca"
EXTRA="$SDA = ASN1:SEQUENCE:sda
$ADOBE_TS = ASN1:SEQUENCE:adobe_ts"
SECTIONS=$OPTIONAL_SECTIONS; ee good--rsa-legacy
reset; SAN="email:alice@example.com, otherName:$SMTPUTF8;UTF8:δοκιμή@example.com, dirName:san_dn"
SECTIONS=$OPTIONAL_SECTIONS; ee good--strict-san-types
reset; SUBJ=/; SAN="critical, email:alice@example.com"; ee good--empty-subject-san-critical
reset; EDIT=ski-sha256; ee good--ski-rfc7093-sha256
reset; ec bob-ec-p256 bob@example.com; ee good--ec-p256-strict-signing
reset; ec erin-ec-p384 erin@example.com; POL=$MV_MP
KU="critical, digitalSignature, nonRepudiation, keyAgreement, encipherOnly"
ee good--ec-p384-multipurpose-dual-use
reset; ec bob-ec-p256 bob@example.com; KU="critical, keyAgreement, decipherOnly"
ee good--ec-p256-strict-key-agreement
reset; ec bob-ec-p256 bob@example.com; legacy; KU="critical, digitalSignature, keyAgreement"
CRLDP=URI:http://crl.example.com/ec-ca.crl; ee good--ec-p256-legacy-dual-use
reset; subscriber grace-ed25519 grace@example.com; ee good--ed25519-strict
reset; subscriber heidi-ed448 heidi@example.com; POL=$MV_MP
KU="critical, digitalSignature, nonRepudiation"; ee good--ed448-multipurpose
reset; EDIT=spki=$TMP/ml-dsa-44.pub; ee good--ml-dsa-44-strict
reset; KU="critical, keyEncipherment"; EDIT=spki=$TMP/ml-kem-768.pub; ee good--ml-kem-768-strict
reset; POL=$OV_STRICT; SUBJ=$OV_SUBJ; EXTRA="$LEI = $LEI_VALUE"; ee good--ov-strict-lei
reset; POL=$SV_STRICT; SUBJ=$SV_SUBJ; EXTRA="$LEI = $LEI_VALUE
$LEI_ROLE = $ROLE_VALUE"; ee good--sv-strict-lei-and-role

# --- 7.1.2.4: the extensions decode ------------------------------------------

reset; EDIT=garble-ku; ee e_ext_undecodable
reset; EDIT=ku-trailing; ee e_ext_undecodable--trailing-bytes

# --- b. cRLDistributionPoints ------------------------------------------------

reset; CRLDP=; ee e_crldp_missing
reset; CRLDP="critical, URI:http://crl.example.com/rsa-ca.crl"; ee w_crldp_critical
reset; CRLDP=dirName:crl_dn; SECTIONS=$OPTIONAL_SECTIONS; ee e_crldp_no_uri
reset; CRLDP="URI:http://crl.example.com/rsa-ca.crl, URI:ldap://ldap.example.com/cn=rsa-ca"
ee e_crldp_not_http_only
reset; POL=$MV_MP; CRLDP=URI:https://crl.example.com/rsa-ca.crl; ee e_crldp_not_http_only--https
reset; legacy; CRLDP=URI:ldap://ldap.example.com/cn=rsa-ca; ee e_crldp_legacy_no_http

# --- c. authorityInformationAccess -------------------------------------------

reset; AIA=; ee w_aia_missing
reset; AIA="critical, caIssuers;URI:http://pki.example.com/rsa-ca.crt"; ee e_aia_critical
reset; AIA="OCSP;URI:ldap://ldap.example.com/cn=ocsp, caIssuers;URI:http://pki.example.com/rsa-ca.crt"
ee e_aia_ocsp_not_http_only
reset; POL=$MV_MP; AIA="OCSP;dirName:crl_dn, caIssuers;URI:http://pki.example.com/rsa-ca.crt"
SECTIONS=$OPTIONAL_SECTIONS; ee e_aia_ocsp_not_http_only--not-a-uri
reset; legacy; AIA="OCSP;URI:ldap://ldap.example.com/cn=ocsp, caIssuers;URI:http://pki.example.com/rsa-ca.crt"
ee e_aia_ocsp_legacy_no_http
reset; AIA="OCSP;URI:http://ocsp.example.com/"; ee w_aia_no_ca_issuers
reset; POL=$MV_MP
AIA="caIssuers;URI:http://pki.example.com/rsa-ca.crt, caIssuers;URI:ftp://ftp.example.com/rsa-ca.crt"
ee e_aia_ca_issuers_not_http_only
reset; legacy; AIA="caIssuers;URI:ldap://ldap.example.com/cn=rsa-ca"; ee e_aia_ca_issuers_legacy_no_http
reset; AIA="caIssuers;URI:http://pki.example.com/rsa-ca.crt, 1.3.6.1.5.5.7.48.5;URI:http://repo.example.com/"
ee w_aia_method_not_specified

# --- d. basicConstraints -----------------------------------------------------
# (cA true with a keyUsage that lacks keyCertSign: linted as the subscriber
# it claims to be, as X509_check_ca() says it is no CA.)

reset; BC="critical, CA:TRUE"; ee e_bc_ca_true
reset; BC="CA:FALSE, pathlen:0"; ee e_bc_pathlen

# --- e. keyUsage -------------------------------------------------------------

reset; KU=; ee e_ku_missing
reset; KU=digitalSignature; ee w_ku_not_critical
reset; KU="critical, digitalSignature, keyEncipherment, dataEncipherment"
ee e_ku_bits_rsa_strict--data-encipherment
reset; KU="critical, digitalSignature, keyAgreement"; ee e_ku_bits_rsa_strict--key-agreement
reset; KU="critical, nonRepudiation"; ee e_ku_bits_rsa_strict--non-repudiation-alone
reset; POL=$MV_MP; KU="critical, digitalSignature, dataEncipherment"
ee e_ku_bits_rsa_mp_legacy--data-encipherment-alone
reset; POL=$MV_MP; KU="critical, digitalSignature, cRLSign"; ee e_ku_bits_rsa_mp_legacy--crl-sign
reset; legacy; KU="critical, keyEncipherment, encipherOnly"; ee e_ku_bits_rsa_mp_legacy--legacy-encipher-only
reset; ec bob-ec-p256 bob@example.com; KU="critical, digitalSignature, keyEncipherment"
ee e_ku_bits_ec--key-encipherment
reset; ec bob-ec-p256 bob@example.com; KU="critical, digitalSignature, encipherOnly"
ee e_ku_bits_ec--encipher-only-alone
reset; ec bob-ec-p256 bob@example.com; KU="critical, keyAgreement, encipherOnly, decipherOnly"
ee e_ku_bits_ec--encipher-and-decipher-only
reset; subscriber grace-ed25519 grace@example.com; KU="critical, digitalSignature, keyAgreement"
ee e_ku_bits_eddsa
reset; subscriber heidi-ed448 heidi@example.com; KU="critical, nonRepudiation"
ee e_ku_bits_eddsa--ed448-no-digital-signature
reset; KU="critical, digitalSignature, keyEncipherment"; EDIT=spki=$TMP/ml-dsa-44.pub
ee e_ku_bits_mldsa
reset; KU="critical, digitalSignature, keyEncipherment"; EDIT=spki=$TMP/ml-kem-768.pub
ee e_ku_bits_mlkem
reset; KU="critical, keyAgreement"; EDIT=spki=$TMP/ml-kem-768.pub; ee e_ku_bits_mlkem--key-agreement

# --- f. extKeyUsage ----------------------------------------------------------

reset; EKU=; ee e_eku_missing
reset; POL=$MV_MP; EKU=clientAuth; ee e_eku_no_email_protection
reset; EKU="emailProtection, clientAuth"; ee e_eku_strict_other
reset; EKU="emailProtection, serverAuth"; ee e_eku_forbidden
reset; POL=$MV_MP; EKU="emailProtection, anyExtendedKeyUsage"; ee e_eku_forbidden--any-eku
reset; legacy; EKU="emailProtection, timeStamping"; ee e_eku_forbidden--legacy-time-stamping

# --- g. authorityKeyIdentifier -----------------------------------------------

reset; AKI=none; ee e_aki_missing
reset; AKI="critical, keyid:always"; ee e_aki_critical
reset; EDIT=aki-empty; ee e_aki_no_key_id
reset; AKI="keyid:always, issuer:always"; ee e_aki_issuer_serial

# --- h. subjectAltName -------------------------------------------------------

reset; SAN=; ee e_san_missing
reset; SAN="critical, email:alice@example.com"; ee w_san_critical
reset; SUBJ=/; ee e_san_not_critical_empty_subject
reset; SUBJ=/; SAN="critical, dirName:san_dn"; SECTIONS=$OPTIONAL_SECTIONS; ee e_san_no_mailbox
reset; SAN="email:alice@example.com, DNS:example.com"; ee e_san_name_type_forbidden
reset; POL=$MV_MP; SAN="email:alice@example.com, URI:https://example.com/alice"
ee e_san_name_type_forbidden--uri
reset; legacy; SAN="email:alice@example.com, IP:192.0.2.1"; ee e_san_name_type_forbidden--legacy-ip
reset; SAN="email:alice@example.com, otherName:$UPN;UTF8:alice@example.com"; ee e_san_other_name_strict

# --- i-m. optional extensions, and the unlisted ones (7.1.2.4) --------------

reset; EXTRA="$SMIME_CAPS = critical, ASN1:SEQUENCE:caps"; SECTIONS=$OPTIONAL_SECTIONS
ee e_smime_caps_critical
reset; EXTRA="$SDA = ASN1:SEQUENCE:sda"; SECTIONS=$OPTIONAL_SECTIONS; ee e_sda_prohibited
reset; POL=$MV_MP; EXTRA="$SDA = ASN1:SEQUENCE:sda"; SECTIONS=$OPTIONAL_SECTIONS
ee e_sda_prohibited--multipurpose
reset; legacy; EXTRA="$SDA = critical, ASN1:SEQUENCE:sda"; SECTIONS=$OPTIONAL_SECTIONS
ee e_sda_critical
reset; EXTRA="$QCS = critical, ASN1:SEQUENCE:qcs"; SECTIONS=$OPTIONAL_SECTIONS
ee e_qc_statements_critical
reset; EXTRA="$LEI = $LEI_VALUE"; ee e_lei_prohibited
reset; POL=$IV_STRICT; SUBJ=$IV_SUBJ; EXTRA="$LEI = $LEI_VALUE"; ee e_lei_prohibited--individual
reset; POL=$OV_STRICT; SUBJ=$OV_SUBJ; EXTRA="$LEI = critical, $LEI_VALUE"; ee e_lei_critical
reset; POL=$OV_STRICT; SUBJ=$OV_SUBJ; EXTRA="$LEI_ROLE = $ROLE_VALUE"; ee e_lei_role_prohibited
reset; EXTRA="$LEI_ROLE = $ROLE_VALUE"; ee e_lei_role_prohibited--mailbox
reset; POL=$SV_STRICT; SUBJ=$SV_SUBJ; EXTRA="$LEI_ROLE = critical, $ROLE_VALUE"
ee e_lei_role_critical
reset; POL=$OV_STRICT; SUBJ=$OV_SUBJ; EXTRA="$LEI = ASN1:PRINTABLESTRING:5493001KJTIIGC8Y1R13"
ee e_lei_value_invalid
reset; POL=$SV_STRICT; SUBJ=$SV_SUBJ; EXTRA="$LEI = ASN1:UTF8String:5493001KJTIIGC8Y1R12"
ee e_lei_value_invalid--utf8string
reset; POL=$SV_STRICT; SUBJ=$SV_SUBJ; EXTRA="$LEI_ROLE = ASN1:UTF8String:Director"
ee e_lei_role_value_invalid
reset; EXTRA="$ADOBE_TS = ASN1:SEQUENCE:adobe_ts"; SECTIONS=$OPTIONAL_SECTIONS; ee e_adobe_prohibited
reset; POL=$MV_MP; EXTRA="$ADOBE_ARC = critical, ASN1:SEQUENCE:adobe_arc"
SECTIONS=$OPTIONAL_SECTIONS; ee e_adobe_critical
reset; EXTRA="1.3.6.1.4.1.32473.5.2 = ASN1:NULL"; ee w_ext_not_specified
reset; POL=$MV_MP; EXTRA="nsComment = Test certificate"; ee w_ext_not_specified--netscape-comment

# --- j-n. key identifiers ----------------------------------------------------

reset; SKI=none; ee w_ski_missing
reset; SKI="critical, hash"; ee e_ski_critical
reset; SKI=0102030405060708090A0B0C0D0E0F1011121314; ee n_ski_not_derived

echo "mk-7_1_2_3.sh: $(ls "$G"/*.pem | wc -l) certificates in $G/"
