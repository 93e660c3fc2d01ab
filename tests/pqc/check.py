#!/usr/bin/env python3
"""tests/pqc/check.py: the PQC acceptance test (run through tests/pqc/check).

1. Every message of the shared fixture set (manifest.json, MANIFEST.md) through

       smimecheck --json --at 2026-06-01T00:00:00Z --trust certs/root-ca-mldsa87.pem FILE

   must reach the manifest's verdict: VALID -> smime=pass (every signer: signature and
   chain pass); REJECT -> fail or permerror with the fitting reason (REASONS below);
   LINT ERROR -> smime=pass, br=fail with the fitting finding (FINDINGS below);
   "REJECT or LINT ERROR" -> either; POLICY -> policy weak_digest.  Exceptions would
   be in DEVIATIONS (there are none).  Each file must be the one manifest.json lists (SHA-256).
2. `smimecheck --cert` must flag (br=fail, with the fitting finding) every certificate
   marked LINT ERROR, and must not fail a VALID end-entity certificate.
3. Every line of extra/EXPECT.tsv (tools/gen-extra.mjs: mixed chains, chain faults,
   several signers, SignerInfo variants, other times, anchors and limits).
4. The RFC 9881 / 9935 / 9882 example files in ietf-examples/: every certificate parses
   (--cert), and each mldsaNN-signed-attrs.pem, with ML-DSA-NN.crt put into its
   certificate set (it has none) and wrapped as an opaque S/MIME message, verifies with
   that certificate as the trust anchor.  (The self-signatures of the example
   certificates are checked by tests/unit/check_pqc.c, which calls the verifier.)

The exit status must be 0 for pass, 1 for anything else, and stderr must be empty.
Environment: srcdir (top source directory), top_builddir, SMIMECHECK (the program).
Options: -v prints every case.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('srcdir') or os.path.abspath(os.path.join(HERE, '..', '..'))
BUILD = os.environ.get('top_builddir') or SRCDIR
SMIMECHECK = os.environ.get('SMIMECHECK') or os.path.join(BUILD, 'milter', 'smimecheck')
PQC = os.path.join(SRCDIR, 'tests', 'data', 'pqc')
DATA = os.path.join(SRCDIR, 'tests', 'data')
AT = '2026-06-01T00:00:00Z'
ANCHOR = os.path.join(PQC, 'certs', 'root-ca-mldsa87.pem')
VERBOSE = '-v' in sys.argv

# The fitting (result, reason) of every REJECT message.
REASONS = {
    'messages/bad-tampered-body-mldsa65-detached.eml': ('fail', 'digest_mismatch'),
    'messages/bad-tampered-body-mldsa65-opaque.eml': ('fail', 'digest_mismatch'),
    'messages/bad-wrong-key-mldsa44-detached.eml': ('fail', 'bad_signature'),
    'messages/bad-sigalg-null-params-mldsa65-detached.eml': ('permerror', 'bad_algorithm_params'),
    'messages/bad-spki-null-params-cert-mldsa65-detached.eml': ('permerror', 'bad_algorithm_params'),
    'messages/bad-nonempty-context-mldsa65-detached.eml': ('fail', 'bad_signature'),
    'messages/bad-signed-over-implicit-tag-mldsa65-detached.eml': ('fail', 'bad_signature'),
}
# The fitting BR finding of every LINT ERROR file (message: on its signer; certificate: --cert).
FINDINGS = {
    'messages/bad-keyencipherment-cert-mldsa44-detached.eml': 'e_ku_bits_mldsa',
    'messages/bad-spki-null-params-cert-mldsa65-detached.eml': 'e_spki_alg_not_allowed',
    'certs/bad-ee-mldsa44-keyencipherment.pem': 'e_ku_bits_mldsa',
    'certs/bad-ee-mldsa65-spki-null-params.pem': 'e_spki_alg_not_allowed',
}
# Where this gateway answers otherwise than the manifest, and why.
# (None since SHA-256 is always digested: policy-sha256-with-mldsa87-detached.eml
# says micalg=sha-512 over a SHA-256 SignerInfo, and smime/digest.c explains.)
DEVIATIONS = {}

failures = []
count = 0


def fail(case, msg):
    failures.append(f'{case}: {msg}')
    print(f'FAIL {case}: {msg}')


def ok(case, msg=''):
    if VERBOSE:
        print(f'ok   {case} {msg}')


def subst(arg):
    return arg.replace('@PQC@', PQC).replace('@DATA@', DATA)


def smimecheck(args, case):
    """Run smimecheck --json; the parsed object or None (failure recorded)."""
    global count
    count += 1
    p = subprocess.run([SMIMECHECK, '--json'] + args, capture_output=True)
    if p.stderr:
        fail(case, 'stderr: ' + p.stderr.decode(errors='replace').strip())
    try:
        lines = p.stdout.decode().strip().splitlines()
        obj = json.loads(lines[0]) if len(lines) == 1 else None
    except (ValueError, IndexError):
        obj = None
    if obj is None:
        fail(case, f'exit {p.returncode}, no single JSON line: {p.stdout[:200]!r}')
        return None
    want_rc = 0 if obj.get('smime', obj.get('br')) == 'pass' else 2 if obj.get('smime') == 'temperror' else 1
    if 'smime' in obj and p.returncode != want_rc:
        fail(case, f'exit status {p.returncode}, want {want_rc} for smime={obj["smime"]}')
    return obj


def error_codes(findings):
    return {f['code'] for f in findings if f.get('severity') == 'error'}


def got(o):
    return f"smime={o['smime']} reason={o['reason']} br={o['br']} signers=" + ','.join(
        f"{s['smime']}({s['signature']}/{s['chain']})" for s in o['signers'])


def message_verdict(rel, expect):
    case = rel
    o = smimecheck(['--at', AT, '--trust', ANCHOR, os.path.join(PQC, rel)], case)
    if o is None:
        return
    verdict = expect.split(':')[0].strip()
    if rel in DEVIATIONS:
        sm, reason, why = DEVIATIONS[rel]
        if (o['smime'], o['reason']) != (sm, reason):
            fail(case, f'{got(o)}; want the documented {sm} {reason}')
        else:
            print(f'NOTE {case}: manifest says {verdict}; this gateway says {sm} {reason}: {why}')
        return
    signers = o['signers']
    if verdict == 'VALID':
        if o['smime'] != 'pass' or not signers or any(
                (s['smime'], s['signature'], s['chain']) != ('pass', 'pass', 'pass') for s in signers):
            return fail(case, f'{got(o)}; want VALID: smime=pass')
    elif verdict == 'POLICY':
        if (o['smime'], o['reason']) != ('policy', 'weak_digest') or signers[0]['signature'] != 'pass':
            return fail(case, f'{got(o)}; want POLICY: policy weak_digest, signature pass')
    elif verdict == 'LINT ERROR':
        codes = error_codes(signers[0]['br']['findings']) if signers else set()
        if o['smime'] != 'pass' or o['br'] != 'fail' or FINDINGS[rel] not in codes:
            return fail(case, f'{got(o)} findings={sorted(codes)}; want LINT ERROR: smime=pass, br=fail, {FINDINGS[rel]}')
    elif verdict in ('REJECT', 'REJECT or LINT ERROR'):
        if (o['smime'], o['reason']) != REASONS[rel]:
            return fail(case, f'{got(o)}; want REJECT: {" ".join(REASONS[rel])}')
        if rel in FINDINGS and FINDINGS[rel] not in error_codes(signers[0]['br']['findings']):
            return fail(case, f'BR findings lack {FINDINGS[rel]}')
    else:
        return fail(case, f'unknown verdict {verdict!r} in the manifest')
    ok(case, got(o))


def cert_verdict(rel, expect):
    verdict = expect.split(':')[0].strip()
    case = f'--cert {rel}'
    o = smimecheck(['--at', AT, '--cert', os.path.join(PQC, rel)], case)
    if o is None:
        return
    codes = error_codes(o['findings'])
    if 'LINT ERROR' in verdict:
        if o['br'] != 'fail' or FINDINGS[rel] not in codes:
            return fail(case, f'br={o["br"]} findings={sorted(codes)}; want br=fail with {FINDINGS[rel]}')
    elif verdict.startswith('VALID') and os.path.basename(rel).startswith('ee-'):
        if o['br'] == 'fail':
            return fail(case, f'br=fail findings={sorted(codes)} for a VALID end-entity certificate')
    ok(case, f'br={o["br"]} findings={sorted(codes)}')


def fixtures():
    with open(os.path.join(PQC, 'manifest.json')) as f:
        files = json.load(f)['files']
    listed = set()
    for e in files:
        rel = e['file']
        listed.add(rel)
        with open(os.path.join(PQC, rel), 'rb') as f:
            if hashlib.sha256(f.read()).hexdigest() != e['sha256']:
                fail(rel, 'differs from the file manifest.json lists (SHA-256)')
        if e['kind'] == 'eml':
            message_verdict(rel, e['expect'])
        elif e['kind'] == 'cert':
            cert_verdict(rel, e['expect'])
    for d in ('messages', 'certs'):
        for n in sorted(os.listdir(os.path.join(PQC, d))):
            if f'{d}/{n}' not in listed:
                fail(f'{d}/{n}', 'not in manifest.json')


def extra():
    with open(os.path.join(PQC, 'extra', 'EXPECT.tsv')) as f:
        rows = [l.rstrip('\n').split('\t') for l in f if l.strip() and not l.startswith('#')]
    seen = set()
    for rel, args, smime, reason, signers, why in rows:
        case = f'{rel} {args}'.strip()
        seen.add(rel)
        o = smimecheck(['--at', AT, '--trust', ANCHOR] + [subst(a) for a in args.split()] +
                       [os.path.join(PQC, rel)], case)
        if o is None:
            continue
        want = (smime, None if reason == '-' else reason, signers)
        have = (o['smime'], o['reason'], ','.join(s['smime'] for s in o['signers']))
        if have != want:
            fail(case, f'{got(o)}; want smime={smime} reason={reason} signers={signers} ({why})')
        else:
            ok(case, got(o))
    for n in sorted(os.listdir(os.path.join(PQC, 'extra', 'messages'))):
        if f'extra/messages/{n}' not in seen:
            fail(f'extra/messages/{n}', 'not in extra/EXPECT.tsv')


# --- the IETF examples ------------------------------------------------------

def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def parse(buf, off=0):
    """(tag, header length, content length) of the TLV at off."""
    tag, n = buf[off], buf[off + 1]
    if n < 0x80:
        return tag, 2, n
    k = n & 0x7f
    return tag, 2 + k, int.from_bytes(buf[off + 2:off + 2 + k], 'big')


def children(buf):
    out, off = [], 0
    while off < len(buf):
        _, hl, cl = parse(buf, off)
        out.append(buf[off:off + hl + cl])
        off += hl + cl
    return out


def pem_body(path):
    with open(path) as f:
        text = f.read()
    return base64.b64decode(''.join(l for l in text.splitlines() if l and not l.startswith('-----')))


def with_certificate(cms, cert):
    """ContentInfo(SignedData) cms with cert as its certificate set ([0] before signerInfos)."""
    _, hl, _ = parse(cms)
    oid, content = children(cms[hl:])
    _, chl, _ = parse(content)
    sd = content[chl:]
    _, shl, _ = parse(sd)
    fields = children(sd[shl:])
    if any(f[0] == 0xa0 for f in fields):
        return cms
    fields.insert(len(fields) - 1, tlv(0xa0, cert))
    return tlv(0x30, oid + tlv(0xa0, tlv(0x30, b''.join(fields))))


def ietf():
    ex = os.path.join(PQC, 'ietf-examples')
    for n in sorted(os.listdir(ex)):
        if n.endswith('.crt'):
            case = f'--cert ietf-examples/{n}'
            o = smimecheck(['--at', AT, '--cert', os.path.join(ex, n)], case)
            if o is not None:
                ok(case, f'br={o["br"]}')
    with tempfile.TemporaryDirectory() as tmp:
        for lvl in (44, 65, 87):
            case = f'ietf-examples/mldsa{lvl}-signed-attrs.pem'
            crt = os.path.join(ex, f'ML-DSA-{lvl}.crt')
            cms = with_certificate(pem_body(os.path.join(ex, f'mldsa{lvl}-signed-attrs.pem')), pem_body(crt))
            b64 = base64.encodebytes(cms).decode().replace('\n', '\r\n')
            eml = os.path.join(tmp, f'mldsa{lvl}.eml')
            with open(eml, 'w', newline='') as f:
                f.write('MIME-Version: 1.0\r\nFrom: <lamps@example.com>\r\nSubject: RFC 9882 example\r\n'
                        'Content-Type: application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"\r\n'
                        'Content-Transfer-Encoding: base64\r\n\r\n' + b64)
            o = smimecheck(['--at', AT, '--trust', crt, eml], case)
            if o is None:
                continue
            s = o['signers'][0] if o['signers'] else {}
            if o['smime'] != 'pass' or s.get('sig_alg') != f'ml-dsa-{lvl}' or s.get('signature') != 'pass':
                fail(case, f'{got(o)}; want pass with an ml-dsa-{lvl} signature')
            else:
                ok(case, got(o))


def main():
    if not os.access(SMIMECHECK, os.X_OK):
        print(f'{SMIMECHECK}: not built')
        return 99
    fixtures()
    extra()
    ietf()
    print(f'{count} runs, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
