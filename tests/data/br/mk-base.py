#!/usr/bin/env python3
"""mk-base.py: test certificates for the BR rule groups 7_1 (certificate
basics), 7_1_2_ca (CA certificates), 7_1_6 (certificate policies) and bag
(rules over the other certificates at hand: Cross Certificates, CA names,
delegated OCSP responders).

Run from tests/data/br (needs the openssl CLI and the test PKI made by
../mkdata.sh).  Each output file is NAME.pem in the group's directory:
the certificate, then its issuer.  NAME is the rule code the certificate
must trigger (CODE or CODE--VARIANT), or good--VARIANT for one that must
lint clean; see tests/unit/check_br_rules.c.  Every certificate starts as
a correct strict mailbox-validated profile (like pki/certs/alice-rsa2048)
and gets exactly one defect, made by an extension line, an issuing
option, or DER surgery (der.py) where the CLI cannot make it.

Dates are fixed (openssl ca -startdate/-enddate); serials are fixed, so
only the signatures change between runs (RSA PKCS#1 v1.5 is
deterministic, so they do not either).
"""
import os
import subprocess
import sys
import tempfile

import der

PKI = "../pki"
MV_STRICT = "2.23.140.1.5.1.3"
MV_LEGACY = "2.23.140.1.5.1.1"
START, END = "20260601000000Z", "20280801000000Z"

EE = {
    "keyUsage": "critical, digitalSignature",
    "extendedKeyUsage": "emailProtection",
    "subjectAltName": "email:alice@example.com",
    "certificatePolicies": MV_STRICT,
    "crlDistributionPoints": "URI:http://crl.example.com/rsa-ca.crl",
    "authorityInfoAccess": "caIssuers;URI:http://pki.example.com/rsa-ca.crt",
    "subjectKeyIdentifier": "hash",
    "authorityKeyIdentifier": "keyid:always",
}

SUBCA = {
    "basicConstraints": "critical, CA:TRUE, pathlen:0",
    "keyUsage": "critical, keyCertSign, cRLSign",
    "extendedKeyUsage": "emailProtection",
    "certificatePolicies": MV_STRICT,
    "crlDistributionPoints": "URI:http://crl.example.com/root-ca.crl",
    "authorityInfoAccess": "caIssuers;URI:http://pki.example.com/root-ca.crt",
    "subjectKeyIdentifier": "hash",
    "authorityKeyIdentifier": "keyid:always",
}

CNF = """
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = {dir}
database = {dir}/index.txt
new_certs_dir = {dir}
serial = {dir}/serial
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
[ ext ]
{ext}
{sections}
"""

TMP = tempfile.mkdtemp(prefix="mk-base.")


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def issue(out, subj, ext, key="alice-rsa2048", issuer="rsa-ca", serial="5A5E8C1D0F2B4A6C8E0A1C3E5F7B9D01",
          start=START, end=END, md="sha256", sections="", selfsign=False):
    """Issue one certificate into out (DER-free PEM, certificate only)."""
    cadir = tempfile.mkdtemp(dir=TMP)
    open(f"{cadir}/index.txt", "w").close()
    open(f"{cadir}/serial", "w").write(serial + "\n")
    lines = "\n".join(f"{k} = {v}" for k, v in ext.items() if v is not None)
    cnf = f"{cadir}/openssl.cnf"
    open(cnf, "w").write(CNF.format(dir=cadir, ext=lines, sections=sections))
    csr = f"{cadir}/req.csr"
    run("openssl", "req", "-new", "-config", cnf, "-key", f"{PKI}/keys/{key}.key",
        "-subj", subj, "-out", csr)
    signer = (["-selfsign", "-keyfile", f"{PKI}/keys/{key}.key"] if selfsign else
              ["-cert", f"{PKI}/certs/{issuer}.pem", "-keyfile", f"{PKI}/keys/{issuer}.key"])
    run("openssl", "ca", "-batch", "-config", cnf, "-notext", "-preserveDN", "-md", md,
        "-extensions", "ext", "-startdate", start, "-enddate", end, "-in", csr,
        "-out", out, *signer)


def chain_file(group, name, leaf_pem, issuers):
    os.makedirs(group, exist_ok=True)
    text = open(leaf_pem).read()
    for i in issuers:
        path = i if os.path.isabs(i) or i.startswith(TMP) else f"{PKI}/certs/{i}.pem"
        text += open(path).read()
    open(f"{group}/{name}.pem", "w").write(text)


def ee(group, name, ext=None, subj="/CN=alice@example.com/emailAddress=alice@example.com",
       issuers=("rsa-ca",), post=None, **kw):
    """A subscriber certificate: the strict mailbox profile with ext overrides."""
    e = dict(EE)
    e.update(ext or {})
    out = f"{TMP}/{group}-{name}.pem"
    issue(out, subj, e, **kw)
    patch(out, post)
    chain_file(group, name, out, issuers)
    return out


SUBCA_SUBJ = "/C=US/O=smimilter Test PKI/CN=smimilter Test BR Sub CA"
ROOT = {
    "basicConstraints": "critical, CA:TRUE",
    "keyUsage": "critical, keyCertSign, cRLSign",
    "subjectKeyIdentifier": "hash",
}


def patch(out, post):
    if post is not None:
        cert, rest = der.load_pem(out)
        post(cert)
        open(out, "w").write(der.dump_pem(cert, rest))


def subca(group, name, ext=None, issuers=("root-ca",), subj=SUBCA_SUBJ, post=None, **kw):
    """A subordinate CA certificate under root-ca (the rsa-ca key)."""
    e = dict(SUBCA)
    e.update(ext or {})
    out = f"{TMP}/{group}-{name}.pem"
    kw.setdefault("key", "rsa-ca")
    kw.setdefault("issuer", "root-ca")
    kw.setdefault("start", "20260101000000Z")
    kw.setdefault("end", "20360101000000Z")
    issue(out, subj, e, **kw)
    patch(out, post)
    chain_file(group, name, out, issuers)
    return out


def root(group, name, ext=None, post=None):
    """A self-signed root (the root-ca key) with ext overrides."""
    e = dict(ROOT)
    e.update(ext or {})
    out = f"{TMP}/{group}-{name}.pem"
    issue(out, "/C=US/O=smimilter Test PKI/CN=smimilter Test BR Root", e, key="root-ca",
          selfsign=True, start="20260101000000Z", end="20460101000000Z")
    patch(out, post)
    chain_file(group, name, out, ())


# --- DER surgery -------------------------------------------------------------

def set_version_2(cert):
    der.field(cert, "version")[1][0][1] = b"\x01"


def swap_validity(cert):
    v = der.field(cert, "validity")[1]
    v[0], v[1] = v[1], v[0]


def duplicate_eku(cert):
    exts = der.extensions(cert)
    exts.append(der.find_ext(cert, "2.5.29.37"))


def generalized_not_before(cert):
    """notBefore as a GeneralizedTime, though before 2050 (RFC 5280 4.1.2.5)."""
    t = der.field(cert, "validity")[1][0]
    t[0], t[1] = 0x18, b"20" + t[1]


def add_subject_unique_id(cert):
    """[2] IMPLICIT subjectUniqueID after the SubjectPublicKeyInfo."""
    fields = der.tbs(cert)[1]
    fields.insert(fields.index(der.field(cert, "spki")) + 1, [0x82, b"\x00\x01\x02\x03"])


def empty_issuer(cert):
    der.field(cert, "issuer")[1] = []


def printable_issuer(cert):
    """The issuer name with its UTF8Strings as PrintableStrings: equal, not identical."""
    for rdn in der.field(cert, "issuer")[1]:
        if rdn[1][0][1][1][0] == 0x0C:
            rdn[1][0][1][1][0] = 0x13


def unotice(cert):
    """The explicitText node of the first id-qt-unotice qualifier."""
    pols = der.parse(der.find_ext(cert, "2.5.29.32")[1][-1][1])[0]
    return pols, [q for pi in pols[1] if len(pi[1]) > 1 for q in pi[1][1][1]
                  if q[1][0][1] == bytes.fromhex("2b06010505070202")][0][1][1][1][0]


def set_policies(cert, pols):
    der.find_ext(cert, "2.5.29.32")[1][-1][1] = der.encode([pols])


def explicit_text_ia5(cert):
    pols, text = unotice(cert)
    text[0] = 0x16
    set_policies(cert, pols)


def explicit_text_control(cert):
    pols, text = unotice(cert)
    text[1] = b"Test\x07certificate"
    set_policies(cert, pols)


def qualifier_unknown(cert):
    """The id-qt-cps qualifier renamed 1.3.6.1.5.5.7.2.3 (no such qualifier)."""
    pols = der.parse(der.find_ext(cert, "2.5.29.32")[1][-1][1])[0]
    for pi in pols[1]:
        for q in (pi[1][1][1] if len(pi[1]) > 1 else []):
            if q[1][0][1] == bytes.fromhex("2b06010505070201"):
                q[1][0][1] = bytes.fromhex("2b06010505070203")
    set_policies(cert, pols)


def name_constraints_trailing(cert):
    """nameConstraints followed by a NULL: decodes, with bytes over."""
    e = [e for e in der.extensions(cert) if e[1][0][1] == bytes.fromhex("551d1e")][0]
    e[1][-1][1] += bytes.fromhex("0500")


def garble_policies(cert):
    e = der.find_ext(cert, "2.5.29.32")
    e[1][-1][1] = b"\x30\x03\x02\x01\x05"	# a SEQUENCE holding an INTEGER


# --- group 7_1: certificate basics ------------------------------------------

def group_7_1():
    g = "7_1"
    ee(g, "good--strict-mailbox")
    ee(g, "e_version_not_3", post=set_version_2)
    ee(g, "e_serial_not_positive", serial="00")
    ee(g, "e_serial_too_long", serial="7F" + "11" * 20)
    ee(g, "n_serial_low_entropy", serial="1234")
    ee(g, "e_validity_inverted", post=swap_validity)
    ee(g, "e_validity_over_825_days", end="20280903000000Z")	# 825 days and one second
    ee(g, "good--validity-825-days", end="20280902235959Z")	# exactly 825 days (6.3.2 counts the last second)
    ee(g, "e_validity_over_1185_days", ext={"certificatePolicies": MV_LEGACY},
       start="20250101000000Z", end="20280401000000Z")
    ee(g, "e_ext_duplicate", post=duplicate_eku)
    ee(g, "w_ext_unknown_critical", ext={"1.3.6.1.4.1.32473.5.1": "critical, ASN1:NULL"})
    # The issuer's subject re-encoded (PrintableString instead of UTF8String):
    # the same name to X.500 comparison, not the same bytes (BR 7.1.4.1).
    reenc = f"{TMP}/rsa-ca-printable.pem"
    issue(reenc, "/C=US/O=smimilter Test PKI/CN=smimilter Test SMIME RSA CA 2026",
          dict(SUBCA), key="rsa-ca", issuer="root-ca", start="20260101000000Z",
          end="20360101000000Z", serial="5A5E8C1D0F2B4A6C8E0A1C3E5F7B9D02")
    cert, rest = der.load_pem(reenc)
    for rdn in der.field(cert, "subject")[1]:
        rdn[1][0][1][1][0] = 0x13	# UTF8String -> PrintableString
    open(reenc, "w").write(der.dump_pem(cert, rest))
    ee(g, "e_issuer_dn_mismatch", issuers=(reenc,))
    root(g, "e_issuer_dn_mismatch--root", post=printable_issuer)
    ee(g, "e_issuer_dn_empty", post=empty_issuer)
    ee(g, "e_validity_time_encoding", post=generalized_not_before)
    ee(g, "e_unique_id_present", post=add_subject_unique_id)
    # Before the BR took effect (2023-09-01): a notice, and no rule judges it,
    # not even its validity (1279 days), SHA-1 signature or missing AKI.
    ee(g, "n_issued_before_br", start="20230601000000Z", end="20250601000000Z")
    ee(g, "good--pre-br-subscriber-not-judged", ext={"authorityKeyIdentifier": "none"},
       start="20230301000000Z", end="20260901000000Z", md="sha1")
    return reenc


# --- group 7_1_6: certificate policies ---------------------------------------

POLICY_SECTIONS = """
[ pol_text_long ]
policyIdentifier = 2.23.140.1.5.1.3
userNotice.1 = @notice_long
[ notice_long ]
explicitText = "UTF8:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
[ pol_text_visible ]
policyIdentifier = 2.23.140.1.5.1.3
userNotice.1 = @notice_visible
[ notice_visible ]
explicitText = "Test certificate"
[ pol_cps_ftp ]
policyIdentifier = 2.23.140.1.5.1.3
CPS.1 = ftp://pki.example.com/cps
[ pol_cps_https ]
policyIdentifier = 2.23.140.1.5.1.3
CPS.1 = https://pki.example.com/cps
userNotice.1 = @notice_ok
[ notice_ok ]
explicitText = "UTF8:Test certificate"
[ pol_notice_ref ]
policyIdentifier = 2.23.140.1.5.1.3
userNotice.1 = @notice_ref
[ notice_ref ]
explicitText = "UTF8:Test certificate"
organization = "Example"
noticeNumbers = 1
"""


def group_7_1_6():
    g = "7_1_6"
    ee(g, "good--cps-https-unotice", ext={"certificatePolicies": "@pol_cps_https"},
       sections=POLICY_SECTIONS)
    ee(g, "w_policies_critical", ext={"certificatePolicies": "critical, " + MV_STRICT})
    ee(g, "e_policies_reserved_not_one",
       ext={"certificatePolicies": MV_STRICT + ", 2.23.140.1.5.2.3"})
    ee(g, "e_policies_reserved_unknown",
       ext={"certificatePolicies": MV_STRICT + ", 2.23.140.1.5.5.1"})
    ee(g, "e_policies_legacy_after_2025_07_15", ext={"certificatePolicies": MV_LEGACY})
    ee(g, "e_policies_cps_not_http", ext={"certificatePolicies": "@pol_cps_ftp"},
       sections=POLICY_SECTIONS)
    ee(g, "e_policies_unotice_form", ext={"certificatePolicies": "@pol_notice_ref"},
       sections=POLICY_SECTIONS)
    ee(g, "e_policies_duplicate_oid",
       ext={"certificatePolicies": MV_STRICT + ", 1.3.6.1.4.1.32473.1.1, 1.3.6.1.4.1.32473.1.1"})
    ee(g, "e_policies_qualifier_unknown", ext={"certificatePolicies": "@pol_cps_https"},
       sections=POLICY_SECTIONS, post=qualifier_unknown)
    ee(g, "e_policies_explicit_text_ia5", ext={"certificatePolicies": "@pol_cps_https"},
       sections=POLICY_SECTIONS, post=explicit_text_ia5)
    ee(g, "e_policies_explicit_text_too_long", ext={"certificatePolicies": "@pol_text_long"},
       sections=POLICY_SECTIONS)
    ee(g, "w_policies_explicit_text_form", ext={"certificatePolicies": "@pol_text_visible"},
       sections=POLICY_SECTIONS)
    ee(g, "w_policies_explicit_text_form--control", ext={"certificatePolicies": "@pol_cps_https"},
       sections=POLICY_SECTIONS, post=explicit_text_control)
    out = f"{TMP}/root-private-policy.pem"
    issue(out, "/C=US/O=smimilter Test PKI/CN=smimilter Test Root With Policies",
          {"basicConstraints": "critical, CA:TRUE", "keyUsage": "critical, keyCertSign, cRLSign",
           "certificatePolicies": "1.3.6.1.4.1.32473.1.1", "subjectKeyIdentifier": "hash"},
          key="root-ca", selfsign=True, start="20260101000000Z", end="20460101000000Z")
    chain_file(g, "e_ca_policies_no_reserved--root", out, ())
    subca(g, "e_policies_missing", ext={"certificatePolicies": None})
    out = f"{TMP}/subca-garbled.pem"
    issue(out, "/C=US/O=smimilter Test PKI/CN=smimilter Test BR Sub CA", dict(SUBCA),
          key="rsa-ca", issuer="root-ca", start="20260101000000Z", end="20360101000000Z")
    cert, rest = der.load_pem(out)
    garble_policies(cert)
    open(out, "w").write(der.dump_pem(cert, rest))
    chain_file(g, "e_policies_undecodable", out, ("root-ca",))
    subca(g, "e_ca_policies_no_reserved", ext={"certificatePolicies": "1.3.6.1.4.1.32473.1.1"})
    subca(g, "n_ca_policies_any_policy", ext={"certificatePolicies": "2.5.29.32.0"})
    subca(g, "e_ca_policies_any_and_reserved",
          ext={"certificatePolicies": "2.5.29.32.0, " + MV_STRICT})
    out = f"{TMP}/root-policies.pem"
    issue(out, "/C=US/O=smimilter Test PKI/CN=smimilter Test Root With Policies",
          {"basicConstraints": "critical, CA:TRUE", "keyUsage": "critical, keyCertSign, cRLSign",
           "certificatePolicies": MV_STRICT, "subjectKeyIdentifier": "hash"},
          key="root-ca", selfsign=True, start="20260101000000Z", end="20460101000000Z")
    chain_file(g, "w_root_policies_present", out, ())


# --- group 7_1_2_ca: CA certificates ----------------------------------------

def group_7_1_2_ca():
    g = "7_1_2_ca"
    subca(g, "good--subca")
    root(g, "good--root")
    subca(g, "e_ca_bc_missing", ext={"basicConstraints": None})
    subca(g, "e_ca_bc_not_critical", ext={"basicConstraints": "CA:TRUE, pathlen:0"})
    subca(g, "e_ca_bc_ca_false", ext={"basicConstraints": "critical, CA:FALSE"})
    root(g, "w_root_bc_pathlen", ext={"basicConstraints": "critical, CA:TRUE, pathlen:1"})
    subca(g, "e_ca_ku_missing", ext={"keyUsage": None})
    subca(g, "e_ca_ku_not_critical", ext={"keyUsage": "keyCertSign, cRLSign"})
    subca(g, "e_ca_ku_no_certsign_crlsign", ext={"keyUsage": "critical, keyCertSign"})
    subca(g, "w_ca_ku_other_bits",
          ext={"keyUsage": "critical, keyCertSign, cRLSign, keyEncipherment"})
    subca(g, "w_subca_eku_critical", ext={"extendedKeyUsage": "critical, emailProtection"})
    subca(g, "e_subca_eku_no_email_protection", ext={"extendedKeyUsage": "clientAuth"})
    subca(g, "e_subca_eku_forbidden", ext={"extendedKeyUsage": "emailProtection, serverAuth"})
    root(g, "e_root_eku_present", ext={"extendedKeyUsage": "emailProtection"})
    subca(g, "e_subca_crldp_missing", ext={"crlDistributionPoints": None})
    subca(g, "e_subca_crldp_critical",
          ext={"crlDistributionPoints": "critical, URI:http://crl.example.com/root-ca.crl"})
    subca(g, "e_subca_crldp_no_http",
          ext={"crlDistributionPoints": "URI:ldap://ldap.example.com/cn=root-ca"})
    subca(g, "w_subca_aia_missing", ext={"authorityInfoAccess": None})
    subca(g, "e_subca_aia_critical",
          ext={"authorityInfoAccess": "critical, caIssuers;URI:http://pki.example.com/root-ca.crt"})
    subca(g, "w_subca_aia_no_http_ca_issuers",
          ext={"authorityInfoAccess": "OCSP;URI:http://ocsp.example.com/"})
    subca(g, "w_subca_nc_not_critical", ext={"nameConstraints": "permitted;email:.example.com"})
    subca(g, "e_subca_aki_missing", ext={"authorityKeyIdentifier": "none"})
    subca(g, "e_subca_aki_critical", ext={"authorityKeyIdentifier": "critical, keyid:always"})
    subca(g, "e_subca_aki_form", ext={"authorityKeyIdentifier": "keyid:always, issuer:always"})
    subca(g, "e_ca_ski_missing", ext={"subjectKeyIdentifier": "none"})
    subca(g, "e_ca_ski_critical", ext={"subjectKeyIdentifier": "critical, hash"})
    subca(g, "e_ca_subject_incomplete", subj="/C=US/CN=smimilter Test BR Sub CA")
    # rsa-ca again (same name and key) but with another subjectKeyIdentifier:
    # a subscriber issued by rsa-ca then names a key id its issuer does not.
    other_ski = subca(g, "tmp-other-ski", subj="/C=US/O=smimilter Test PKI/CN=smimilter Test SMIME RSA CA 2026",
                      ext={"subjectKeyIdentifier": "0102030405060708090A0B0C0D0E0F1011121314"})
    os.remove(f"{g}/tmp-other-ski.pem")
    ee(g, "e_aki_not_issuer_ski", issuers=(other_ski,))

    # 7.1.4.3.1c, 7.1.5, 7.1.2.4
    subca(g, "e_ca_subject_country_code", subj="/C=ZZ/O=smimilter Test PKI/CN=smimilter Test BR Sub CA")
    subca(g, "good--subca-technically-constrained", sections=NC_SECTIONS, ext={
        "nameConstraints": "critical, permitted;email:example.com, permitted;email:.example.com, "
                           "permitted;dirName:nc_dn"})
    subca(g, "e_subca_nc_rfc822_not_domain", sections=NC_SECTIONS, ext={
        "nameConstraints": "critical, permitted;email:alice@example.com, permitted;dirName:nc_dn"})
    subca(g, "n_subca_nc_incomplete", ext={"nameConstraints": "critical, permitted;email:.example.com"})
    subca(g, "e_ext_undecodable--subca-trailing-bytes", post=name_constraints_trailing,
          sections=NC_SECTIONS, ext={"nameConstraints": "critical, permitted;email:.example.com, "
                                                        "permitted;dirName:nc_dn"})
    subca(g, "w_ca_ext_not_specified", ext={"1.3.6.1.4.1.32473.5.2": "ASN1:NULL"})
    root(g, "w_ca_ext_not_specified--root-crldp",
         ext={"crlDistributionPoints": "URI:http://crl.example.com/root.crl"})
    subca(g, "w_aia_method_not_specified--subca", ext={
        "authorityInfoAccess": "caIssuers;URI:http://pki.example.com/root-ca.crt, "
                               "1.3.6.1.5.5.7.48.5;URI:http://repo.example.com/"})

    # 6.1.7: a Root CA key signs no subscriber certificate
    ee(g, "e_subscriber_issued_by_root", issuer="root-ca", issuers=("root-ca",),
       ext={"crlDistributionPoints": "URI:http://crl.example.com/root-ca.crl",
            "authorityInfoAccess": "caIssuers;URI:http://pki.example.com/root-ca.crt"})

    # Appendix B: rsa-ca's key and name in an Extant S/MIME CA certificate
    # (2022: no extKeyUsage, anyPolicy), which may issue until 2024-09-14.
    rsa_ca_subj = "/C=US/O=smimilter Test PKI/CN=smimilter Test SMIME RSA CA 2026"
    extant = subca(g, "good--extant-subca-2022", subj=rsa_ca_subj, start="20220101000000Z",
                   end="20320101000000Z", ext={"extendedKeyUsage": None,
                                               "certificatePolicies": "2.5.29.32.0"})
    ee(g, "good--extant-issuer-2024-06-01", issuers=(extant, "root-ca"),
       start="20240601000000Z", end="20260601000000Z")
    ee(g, "e_issuer_not_compliant_from_2024_09_15", issuers=(extant, "root-ca"),
       start="20240915000000Z", end="20261201000000Z")
    private = subca(g, "tmp-private-policy", subj=rsa_ca_subj,
                    ext={"certificatePolicies": "1.3.6.1.4.1.32473.1.1"})
    os.remove(f"{g}/tmp-private-policy.pem")
    ee(g, "e_issuer_not_compliant_from_2024_09_15--no-reserved-policy",
       issuers=(private, "root-ca"))
    client = subca(g, "tmp-client-auth", subj=rsa_ca_subj, ext={"extendedKeyUsage": "clientAuth"})
    os.remove(f"{g}/tmp-client-auth.pem")
    ee(g, "e_issuer_not_compliant_from_2024_09_15--no-email-protection",
       issuers=(client, "root-ca"))


NC_SECTIONS = """
[ nc_dn ]
C = US
O = Example Corp
"""


# --- group bag: other certificates at hand ------------------------------------

OCSP = {
    "keyUsage": "critical, digitalSignature",
    "extendedKeyUsage": "OCSPSigning",
    "noCheck": "ignored",
    "subjectKeyIdentifier": "hash",
    "authorityKeyIdentifier": "keyid:always",
}
ROOT_SUBJ = "/C=US/O=smimilter Test PKI/CN=smimilter Test Root CA 2026"


def ocsp(group, name, ext=None):
    """A delegated OCSP responder of rsa-ca (the keyenc-rsa2048 key)."""
    e = dict(OCSP)
    e.update(ext or {})
    out = f"{TMP}/{group}-{name}.pem"
    issue(out, "/C=US/O=smimilter Test PKI/CN=smimilter Test SMIME RSA CA OCSP Responder", e,
          key="keyenc-rsa2048", start="20260601000000Z", end="20260901000000Z")
    chain_file(group, name, out, ("rsa-ca",))


def group_bag(reenc):
    g = "bag"
    subca(g, "e_subca_eku_missing", ext={"extendedKeyUsage": None})
    # root-ca cross-certified by other-root-ca: same name, same key, no EKU (7.1.2.2g)
    cross = dict(SUBCA, extendedKeyUsage=None, basicConstraints="critical, CA:TRUE",
                 crlDistributionPoints="URI:http://crl.example.com/other-root-ca.crl",
                 authorityInfoAccess="caIssuers;URI:http://pki.example.com/other-root-ca.crt")
    subca(g, "good--cross-certificate-without-eku", subj=ROOT_SUBJ, key="root-ca",
          issuer="other-root-ca", ext=cross, issuers=("other-root-ca", "root-ca"))
    subca(g, "e_subca_eku_missing--cross-shaped-other-key", subj=ROOT_SUBJ, key="rsa-ca",
          issuer="other-root-ca", ext=cross, issuers=("other-root-ca", "root-ca"))
    # rsa-ca beside a copy of itself with its name in PrintableStrings (7.1.4.1)
    os.makedirs(g, exist_ok=True)
    chain_file(g, "e_ca_subject_not_byte_identical", f"{PKI}/certs/rsa-ca.pem", (reenc, "root-ca"))
    ocsp(g, "good--ocsp-responder")
    ocsp(g, "e_ocsp_nocheck_missing", ext={"noCheck": None})
    ocsp(g, "e_ocsp_nocheck_not_null", ext={"noCheck": None, "1.3.6.1.5.5.7.48.1.5": "DER:0101FF"})
    ocsp(g, "w_ocsp_nocheck_critical", ext={"noCheck": None, "1.3.6.1.5.5.7.48.1.5": "critical, DER:0500"})


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    try:
        reenc = group_7_1()
        group_7_1_6()
        group_7_1_2_ca()
        group_bag(reenc)
    except subprocess.CalledProcessError as e:
        sys.stderr.write(e.stderr.decode())
        raise
