#!/usr/bin/env python3
"""mk-base.py: test certificates for the BR rule groups 7_1 (certificate
basics), 7_1_2_ca (CA certificates) and 7_1_6 (certificate policies).

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
    if post is not None:
        cert, rest = der.load_pem(out)
        post(cert)
        open(out, "w").write(der.dump_pem(cert, rest))
    chain_file(group, name, out, issuers)


SUBCA_SUBJ = "/C=US/O=smimilter Test PKI/CN=smimilter Test BR Sub CA"
ROOT = {
    "basicConstraints": "critical, CA:TRUE",
    "keyUsage": "critical, keyCertSign, cRLSign",
    "subjectKeyIdentifier": "hash",
}


def subca(group, name, ext=None, issuers=("root-ca",), subj=SUBCA_SUBJ, **kw):
    """A subordinate CA certificate under root-ca (the rsa-ca key)."""
    e = dict(SUBCA)
    e.update(ext or {})
    out = f"{TMP}/{group}-{name}.pem"
    issue(out, subj, e, key="rsa-ca", issuer="root-ca", start="20260101000000Z",
          end="20360101000000Z", **kw)
    chain_file(group, name, out, issuers)
    return out


def root(group, name, ext=None):
    """A self-signed root (the root-ca key) with ext overrides."""
    e = dict(ROOT)
    e.update(ext or {})
    out = f"{TMP}/{group}-{name}.pem"
    issue(out, "/C=US/O=smimilter Test PKI/CN=smimilter Test BR Root", e, key="root-ca",
          selfsign=True, start="20260101000000Z", end="20460101000000Z")
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


# --- group 7_1_6: certificate policies ---------------------------------------

POLICY_SECTIONS = """
[ pol_cps_ftp ]
policyIdentifier = 2.23.140.1.5.1.3
CPS.1 = ftp://pki.example.com/cps
[ pol_cps_https ]
policyIdentifier = 2.23.140.1.5.1.3
CPS.1 = https://pki.example.com/cps
userNotice.1 = @notice_ok
[ notice_ok ]
explicitText = "Test certificate"
[ pol_notice_ref ]
policyIdentifier = 2.23.140.1.5.1.3
userNotice.1 = @notice_ref
[ notice_ref ]
explicitText = "Test certificate"
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
    subca(g, "w_ca_policies_any_and_reserved",
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
    subca(g, "e_subca_eku_missing", ext={"extendedKeyUsage": None})
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


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    try:
        group_7_1()
        group_7_1_6()
        group_7_1_2_ca()
    except subprocess.CalledProcessError as e:
        sys.stderr.write(e.stderr.decode())
        raise
