#!/bin/sh
# mk-7_1_4.sh: test certificates for the BR rule groups of subscriber names
# (BR 7.1.4.2: policy/br_7_1_4.c, br_7_1_4_subject.c, br_7_1_4_orgid.c).
#
# Run from anywhere (needs openssl, faketime and python3; uses the test
# PKI made by ../mkdata.sh).  Each output file 7_1_4/NAME.pem holds the
# certificate, then its issuer (rsa-ca).  NAME is the rule code it must
# trigger (CODE or CODE--VARIANT), or good--VARIANT for one that must lint
# clean; see tests/unit/check_br_rules.c.  Every certificate is a correct
# BR profile of its type and generation (reserved policy 2.23.140.1.5.T.G,
# like pki/certs/alice-rsa2048) but for the one defect it is named after.
#
# The subject comes from `openssl req -subj` (UTF-8, -multivalue-rdn where
# asked); encodings and lengths the CLI refuses to make (a UTF8String
# emailAddress, a 65-character commonName, a 3-letter countryName, a
# PrintableString with '@') are put in by a small DER edit (der.py), after
# which the certificate is signed again by rsa-ca.  Dates are fixed
# (faketime, frozen clock), serials derive from the file name, and RSA
# PKCS#1 v1.5 signatures are deterministic: a rerun gives the same files.
set -eu

cd "$(dirname "$0")"
PKI=../pki
OUT=7_1_4
CA=rsa-ca
T=$(mktemp -d "${TMPDIR:-/tmp}/mk-7_1_4.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

for tool in openssl faketime python3; do
	command -v "$tool" >/dev/null || { echo "mk-7_1_4.sh: needs $tool" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/*.pem

LEI=5493001KJTIIGC8Y1R12	# an ISO 17442 LEI with valid check digits (made up)

# DER edit: replace the value of the first subject attribute OID with
# TAG (hex) and TEXT (UTF-8), then sign the TBSCertificate again.
cat >"$T/edit.py" <<'EOF'
import subprocess, sys
sys.path.insert(0, ".")
import der

def oid_der(s):
    p = [int(x) for x in s.split(".")]
    out = bytes([40 * p[0] + p[1]])
    for n in p[2:]:
        b = [n & 0x7F]
        n >>= 7
        while n:
            b.insert(0, 0x80 | (n & 0x7F))
            n >>= 7
        out += bytes(b)
    return out

src, dst, key, oid, tag, text = sys.argv[1:7]
cert, rest = der.load_pem(src)
want = oid_der(oid)
for rdn in der.field(cert, "subject")[1]:
    for atv in rdn[1]:
        if atv[1][0][1] == want:
            atv[1][1] = [int(tag, 16), text.encode("utf-8")]
            break
    else:
        continue
    break
else:
    sys.exit("no attribute " + oid)
tbs = der.encode([der.tbs(cert)])
sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=tbs,
                     stdout=subprocess.PIPE, check=True).stdout
cert[1][2] = [0x03, b"\x00" + sig]
open(dst, "w").write(der.dump_pem(cert, ""))
EOF

# mk NAME T.G SUBJECT SAN
#   NAME: output name; T.G: type and generation of the reserved policy;
#   SUBJECT: -subj text; SAN: the subjectAltName value.
# Optional variables: KEY (subscriber key, default alice-rsa2048), MULTI=1
# (-multivalue-rdn), MASK (string_mask, default utf8only), SECT (more config
# sections, e.g. for dirName), EDIT="OID TAG TEXT" (DER edit), AT (issuance
# time; default 2026-06-01, Legacy 2025-06-01).
mk() {
	name=$1 tg=$2 subj=$3 san=$4
	key=${KEY:-alice-rsa2048}
	gen=${tg#*.}
	at=${AT:-}
	if [ -z "$at" ]; then
		if [ "$gen" = 1 ]; then at='2025-06-01 00:00:00'; else at='2026-06-01 00:00:00'; fi
	fi
	serial=5$(printf '%s' "$name" | openssl dgst -sha256 -r | cut -c2-32)
	cat >"$T/cnf" <<-EOF
	[ req ]
	distinguished_name = dn
	string_mask = ${MASK:-utf8only}
	utf8 = yes
	[ dn ]
	[ ext ]
	keyUsage = critical, digitalSignature
	extendedKeyUsage = emailProtection
	subjectAltName = @alt
	certificatePolicies = 2.23.140.1.5.$tg
	crlDistributionPoints = URI:http://crl.example.com/rsa-ca.crl
	authorityInfoAccess = caIssuers;URI:http://pki.example.com/rsa-ca.crt
	subjectKeyIdentifier = hash
	authorityKeyIdentifier = keyid:always
	${SECT:-}
	[ alt ]
	EOF
	# the SAN list, one GeneralName a line (values may hold commas then)
	printf '%s\n' "$san" | awk '{ n = split($0, g, ", "); for (i = 1; i <= n; i++) {
	    k = index(g[i], ":"); print substr(g[i], 1, k - 1) "." i " = " substr(g[i], k + 1) } }' \
	    >>"$T/cnf"
	multi=
	[ -n "${MULTI:-}" ] && multi=-multivalue-rdn
	openssl req -new -config "$T/cnf" -utf8 $multi -key "$PKI/keys/$key.key" \
	    -subj "$subj" -out "$T/csr"
	faketime -f "$at" openssl x509 -req -in "$T/csr" -CA "$PKI/certs/$CA.pem" \
	    -CAkey "$PKI/keys/$CA.key" -set_serial "0x$serial" -days 790 -sha256 \
	    -extfile "$T/cnf" -extensions ext -out "$T/leaf.pem" 2>"$T/err" ||
	    { cat "$T/err" >&2; exit 1; }
	if [ -n "${EDIT:-}" ]; then
		# shellcheck disable=SC2086
		set -- $EDIT
		oid=$1 tag=$2
		shift 2
		python3 "$T/edit.py" "$T/leaf.pem" "$T/leaf2.pem" "$PKI/keys/$CA.key" \
		    "$oid" "$tag" "$*"
		mv "$T/leaf2.pem" "$T/leaf.pem"
	fi
	openssl x509 -in "$T/leaf.pem" >"$OUT/$name.pem"
	cat "$PKI/certs/$CA.pem" >>"$OUT/$name.pem"
	# shells where "VAR=x mk ..." outlives the call (bash --posix) must not leak it
	KEY='' MULTI='' MASK='' SECT='' EDIT='' AT=''
}

# rep CHAR N: CHAR N times
rep() {
	awk -v c="$1" -v n="$2" 'BEGIN { while (n-- > 0) printf "%s", c }'
}

A=alice@example.com
SAN_A=email:$A
MV="/CN=$A/emailAddress=$A"
OID_CN=2.5.4.3 OID_C=2.5.4.6 OID_SERIAL=2.5.4.5 OID_POSTAL=2.5.4.17
OID_EMAIL=1.2.840.113549.1.9.1
ORG_DE="/C=DE/O=Example GmbH/organizationIdentifier=NTRDE-DER3306.HRB12345"

# --- good profiles: every type x generation, and the forms the rules accept ---
mk good--mv-strict 1.3 "$MV" "$SAN_A"
mk good--mv-multipurpose 1.2 "/CN=$A" "$SAN_A, email:alice.smith@example.com"
mk good--mv-legacy 1.1 "/emailAddress=$A/serialNumber=A-12345" "$SAN_A"
mk good--ov-strict 2.3 "$ORG_DE/CN=Example GmbH" "email:info@example.com"
KEY=bob-ec-p256 mk good--ov-multipurpose 2.2 \
    "/C=US/ST=California/L=San Francisco/street=1 Main Street/postalCode=94105/O=Example Inc./OU=Example Affiliate LLC/organizationIdentifier=NTRUS\+CA-12345678/CN=info@example.com/emailAddress=info@example.com" \
    "email:info@example.com"
mk good--ov-legacy 2.1 \
    "/C=GR/O=Example AE/organizationIdentifier=VATEL-123456789/businessCategory=Private Organization/CN=Example AE" \
    "email:info@example.gr"
mk good--sv-strict 3.3 \
    "/C=BE/O=Example SA/organizationIdentifier=LEIXG-$LEI/GN=Alice/SN=Smith/title=Engineer/CN=Alice Smith" \
    "$SAN_A"
mk good--sv-multipurpose 3.2 \
    "/C=FR/O=Example SAS/organizationIdentifier=VATFR-12345678901/pseudonym=Agent 007/serialNumber=PNOFR-1234567890/CN=Agent 007" \
    "email:agent007@example.fr"
mk good--sv-legacy 3.1 \
    "/C=AT/O=Example AG/organizationIdentifier=PSDAT-FMA-123456/CN=Dr. Alice Smith" \
    "$SAN_A"
mk good--iv-strict 4.3 "/C=DE/GN=Alice/SN=Smith/serialNumber=IDCDE-T22000129/CN=Alice Smith" "$SAN_A"
KEY=bob-ec-p256 mk good--iv-multipurpose 4.2 \
    "/C=XX/ST=Some Country/L=Some Town/SN=Madonna/CN=$A" "$SAN_A"
mk good--iv-legacy 4.1 \
    "/C=US/ST=Texas/L=Austin/street=1 Congress Avenue/postalCode=78701/GN=Alice/SN=Smith/dnQualifier=A1/CN=Smith, Alice" \
    "$SAN_A"
mk good--smtputf8 1.3 "/CN=用户@example.com" "$SAN_A, otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:用户@example.com"
mk good--smtputf8-idn 1.3 "/CN=用户@例子.广告" \
    "otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:用户@xn--fsqu00a.xn--4rr70v"
SECT="[ dir ]
C = BE
O = Example SA
organizationIdentifier = LEIXG-$LEI
GN = Alice
SN = Smith
emailAddress = $A" mk good--dirname 3.3 \
    "/C=BE/O=Example SA/organizationIdentifier=LEIXG-$LEI/GN=Alice/SN=Smith/CN=$A" \
    "$SAN_A, dirName:dir"
mk good--gov 2.3 "/C=US/O=City of Example/organizationIdentifier=GOVUS\+CA/CN=City of Example" \
    "email:clerk@example.gov"
mk good--int 2.2 "/C=CH/O=Example International Organization/organizationIdentifier=INTXG" \
    "email:office@example.int"
mk good--vat-xi 2.3 "/C=GB/O=Example Ltd/organizationIdentifier=VATXI-123456789" "email:info@example.co.uk"
AT='2025-01-01 00:00:00' mk good--ntr-de-before-euid 2.1 \
    "/C=DE/O=Example GmbH/organizationIdentifier=NTRDE-HRB12345" "email:info@example.de"
mk good--quoted-local-part 1.3 '/CN="john doe"@example.com' \
    'email:\"john doe\"@example.com, email:alice+tag@[192.0.2.1]'

# --- br_7_1_4.c: mailboxes ------------------------------------------------
mk e_san_mailbox_not_mirrored 1.3 "/CN=bob@example.com" "$SAN_A"
mk e_san_mailbox_not_mirrored--email-attr 4.3 "/GN=Alice/SN=Smith/emailAddress=bob@example.com" "$SAN_A"
SECT="[ dir ]
GN = Alice
SN = Smith
emailAddress = bob@example.com" mk e_san_mailbox_not_mirrored--dirname 4.2 "/GN=Alice/SN=Smith" \
    "$SAN_A, dirName:dir"
mk e_san_mailbox_not_mirrored--pseudonym 3.3 \
    "$ORG_DE/pseudonym=agent7@example.de/CN=agent7@example.de" "$SAN_A"
mk e_mailbox_syntax 1.3 "/CN=$A" "$SAN_A, email:Alice Smith <$A>"
mk e_mailbox_syntax--email-attr 2.2 "$ORG_DE/emailAddress= $A" "$SAN_A"
mk e_mailbox_syntax--rfc822-non-ascii 1.2 "/CN=$A" "$SAN_A, email:bücher@example.com"
mk e_mailbox_syntax--smtputf8 1.3 "/CN=$A" "$SAN_A, otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:用户 @example.com"
mk e_subject_email_not_single 1.3 "/CN=$A/emailAddress=$A/emailAddress=alice.smith@example.com" \
    "$SAN_A, email:alice.smith@example.com"
mk e_smtputf8_encoding 1.3 "/CN=$A" "$SAN_A, otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:$(printf '\357\273\277')用户@example.com"
mk e_smtputf8_encoding--ia5string 1.2 "/CN=$A" "$SAN_A, otherName:1.3.6.1.5.5.7.8.9;IA5STRING:bob@example.com"
mk e_smtputf8_ascii_local_part 1.3 "/CN=$A" "otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:$A"
mk e_smtputf8_domain_form 1.3 "/CN=用户@例子.广告" "otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:用户@例子.广告"
mk e_smtputf8_domain_form--upper 1.3 "/CN=$A" "$SAN_A, otherName:1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:用户@Example.com"

# --- br_7_1_4_subject.c: attributes ---------------------------------------
mk e_subject_attr_forbidden 1.3 "/O=Example GmbH/CN=$A" "$SAN_A"
mk e_subject_attr_forbidden--mv-legacy-country 1.1 "/C=DE/CN=$A" "$SAN_A"
mk e_subject_attr_forbidden--ov-strict-street 2.3 "$ORG_DE/L=Koeln/street=Domkloster 4" "$SAN_A"
mk e_subject_attr_forbidden--iv-organization 4.2 "/O=Example GmbH/GN=Alice/SN=Smith" "$SAN_A"
mk e_subject_attr_forbidden--sv-other 3.2 "$ORG_DE/businessCategory=Private Organization/SN=Smith" "$SAN_A"
mk e_subject_attr_forbidden--iv-strict-postal 4.3 "/C=DE/postalCode=50667/SN=Smith" "$SAN_A"
mk e_subject_attr_missing 2.3 "/C=DE/O=Example GmbH/CN=Example GmbH" "$SAN_A"
mk e_subject_attr_missing--sv-organization 3.1 "/C=DE/organizationIdentifier=NTRDE-DER3306.HRB12345/CN=Alice Smith" "$SAN_A"
SECT="[ dir ]
O = Example GmbH
emailAddress = $A" mk e_san_dirname_attr_forbidden 1.3 "/CN=$A" "$SAN_A, dirName:dir"
SECT="[ dir ]
C = DE
CN = Example GmbH" mk e_san_dirname_content 2.3 "$ORG_DE/CN=Example GmbH" "$SAN_A, dirName:dir"
SECT="[ dir ]
C = UK
GN = Alice
SN = Smith" mk e_san_dirname_content--country 4.3 "/C=DE/GN=Alice/SN=Smith" "$SAN_A, dirName:dir"
SECT="[ dir ]
C = DE
CN = Alice Smith" mk e_san_dirname_content--person-name 4.2 "/C=DE/GN=Alice/SN=Smith" "$SAN_A, dirName:dir"
mk e_subject_person_name_missing 4.3 "/C=DE/CN=Alice Smith" "$SAN_A"
mk e_subject_person_name_missing--sv 3.2 "$ORG_DE/CN=$A" "$SAN_A"
mk e_subject_pseudonym_with_name 4.3 "/GN=Alice/SN=Smith/pseudonym=Agent 007/CN=Agent 007" "$SAN_A"
mk n_subject_given_name_only 4.3 "/C=DE/GN=Alice/CN=Alice" "$SAN_A"
mk e_subject_cn_not_pseudonym 3.3 "$ORG_DE/pseudonym=Agent 007/CN=Alice Smith" "$SAN_A"
mk e_subject_cn_content 1.3 "/CN=Alice Smith" "$SAN_A"
mk e_subject_cn_content--ov 2.2 "$ORG_DE/CN=Other Name Ltd" "$SAN_A"
mk e_subject_cn_content--iv-display-name 4.3 "/GN=Alice/SN=Smith/CN=Alice Smith <$A>" "$SAN_A"
mk n_subject_cn_name_unmatched 4.3 "/GN=Alice/SN=Smith/CN=Bob Jones" "$SAN_A"
# the pseudonym draft (not adopted): notices
mk n_subject_cn_pseudonym_prefix 4.3 "/C=DE/pseudonym=Agent 007/CN=Pseudo: Agent 007" "$SAN_A"
mk n_subject_cn_pseudonym_prefix--pn 3.2 "$ORG_DE/pseudonym=Agent 007/CN=PN: Agent 007" "$SAN_A"
mk n_subject_pseudonym_mailbox 4.3 "/C=DE/pseudonym=agent007@example.com" \
    "$SAN_A, email:agent007@example.com"
mk e_subject_street_without_locality 2.2 "$ORG_DE/street=Domkloster 4" "$SAN_A"
mk e_subject_address_without_country 4.3 "/L=Berlin/GN=Alice/SN=Smith" "$SAN_A"
mk e_subject_address_without_country--postal 2.2 "/O=Example GmbH/organizationIdentifier=NTRDE-DER3306.HRB12345/postalCode=50667" "$SAN_A"
mk e_subject_country_code 4.3 "/C=UK/GN=Alice/SN=Smith" "$SAN_A"
mk e_subject_placeholder 2.3 "$ORG_DE/OU=." "$SAN_A"
mk e_subject_placeholder--n-a 4.3 "/C=DE/L=n\/a/GN=Alice/SN=Smith" "$SAN_A"
mk e_subject_placeholder--dash 4.2 "/C=DE/ST=-/GN=Alice/SN=Smith" "$SAN_A"
MASK=default mk e_subject_attr_encoding--bmpstring 4.3 "/C=JP/GN=太郎/SN=山田/CN=山田太郎" "$SAN_A"
EDIT="$OID_EMAIL 0c $A" mk e_subject_attr_encoding 1.3 "$MV" "$SAN_A"
EDIT="$OID_CN 13 $A" mk e_subject_attr_encoding--printable-at 1.3 "/CN=placeholder" "$SAN_A"
EDIT="$OID_SERIAL 0c A-12345" mk e_subject_attr_encoding--serial-utf8 1.3 "/CN=$A/serialNumber=X" "$SAN_A"
EDIT="$OID_CN 0c $(rep a 53)@example.com" mk e_subject_attr_length 1.3 \
    "/CN=placeholder" "email:$(rep a 53)@example.com"
EDIT="$OID_C 13 DEU" mk e_subject_attr_length--country 4.3 "/C=DE/GN=Alice/SN=Smith" "$SAN_A"
EDIT="$OID_POSTAL 0c $(rep 1 41)" mk w_subject_attr_length_x520 2.2 \
    "$ORG_DE/postalCode=1" "$SAN_A"
MULTI=1 mk e_subject_rdn_repeated_type 2.3 "$ORG_DE/OU=Example Affiliate A+OU=Example Affiliate B" "$SAN_A"
mk n_subject_attr_repeated 2.3 "$ORG_DE/O=Example GmbH/CN=Example GmbH" "$SAN_A"

# --- br_7_1_4_orgid.c: registration references ------------------------------
mk e_orgid_syntax 2.3 "/C=DE/O=Example GmbH/organizationIdentifier=NTRDE12345" "$SAN_A"
mk e_orgid_syntax--subdivision 2.3 "/C=US/O=Example Inc./organizationIdentifier=NTRUS\+CALI-123" "$SAN_A"
mk e_orgid_syntax--lei-subdivision 3.3 "/C=BE/O=Example SA/organizationIdentifier=LEIXG\+BRU-$LEI/SN=Smith" "$SAN_A"
mk e_orgid_scheme_unknown 2.3 "/C=DE/O=Example GmbH/organizationIdentifier=ABCDE-12345" "$SAN_A"
mk e_orgid_country_invalid 2.3 "/O=Example Ltd/organizationIdentifier=NTRUK-12345678" "$SAN_A"
mk e_orgid_country_invalid--xg 2.3 "/O=Example Ltd/organizationIdentifier=NTRXG-12345678" "$SAN_A"
mk e_orgid_country_invalid--el-not-vat 2.3 "/O=Example AE/organizationIdentifier=NTREL-12345678" "$SAN_A"
mk e_orgid_xg_required 2.3 "/C=US/O=Example Inc./organizationIdentifier=LEIUS-$LEI" "$SAN_A"
mk e_orgid_country_mismatch 2.3 "/C=DE/O=Example Ltd/organizationIdentifier=NTRGB-12345678" "$SAN_A"
mk e_orgid_country_mismatch--vat-el 3.3 "/C=CY/O=Example AE/organizationIdentifier=VATEL-123456789/SN=Smith" "$SAN_A"
mk e_orgid_lei_invalid 2.3 "/O=Example SA/organizationIdentifier=LEIXG-5493001KJTIIGC8Y1R00" "$SAN_A"
mk e_orgid_psd_form 2.3 "/C=BE/O=Example Payments SA/organizationIdentifier=PSDBE-1234.567.890" "$SAN_A"
mk e_orgid_euid_country_mismatch 2.3 "/C=AT/O=Example GmbH/organizationIdentifier=NTRAT-DER3306.HRB12345" "$SAN_A"
mk w_orgid_ntr_de_not_euid 2.3 "/C=DE/O=Example GmbH/organizationIdentifier=NTRDE-HRB12345" "$SAN_A"
mk n_subject_serial_npi 4.3 "/GN=Alice/SN=Smith/serialNumber=XYZDE-12345" "$SAN_A"
mk n_subject_serial_npi--mailbox 1.3 "/CN=$A/serialNumber=PASDE-C01X00T47" "$SAN_A"

set -- "$OUT"/*.pem
echo "mk-7_1_4.sh: $# certificates in $OUT/"
