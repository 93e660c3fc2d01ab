// check-libcrypto.mjs ADDON FILE... - run ML-DSA vector files through both
// backends of smime/mldsa (built as a Node add-on: mldsa_addon.c) under
// the OpenSSL >= 3.5 inside Node: libcrypto's ML-DSA (the route of
// smime/mldsa_ossl.c) and our verifier.  Same file format and the same
// checks as tests/unit/check_mldsa.c (README.md in the directory above).
// Exit 0 when every case gives the expected verdict through every backend.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const [addonPath, ...files] = process.argv.slice(2);
const m = createRequire(import.meta.url)(addonPath);
const AUTO = 0, OURS = 1, LIBCRYPTO = 2;
const PURE = 0, MPRIME = 1, MU = 2;
const hex = (s) => new Uint8Array(Buffer.from(s === '-' ? '' : s, 'hex'));
const PH = {
  'SHA2-224': ['sha224', 4], 'SHA2-256': ['sha256', 1], 'SHA2-384': ['sha384', 2],
  'SHA2-512': ['sha512', 3], 'SHA2-512/224': ['sha512-224', 5], 'SHA2-512/256': ['sha512-256', 6],
  'SHA3-224': ['sha3-224', 7], 'SHA3-256': ['sha3-256', 8], 'SHA3-384': ['sha3-384', 9],
  'SHA3-512': ['sha3-512', 10], 'SHAKE-128': ['shake128', 11, 32], 'SHAKE-256': ['shake256', 12, 64],
};
function prehashMprime(alg, msg, ctx) {
  const [name, oid, outputLength] = PH[alg];
  const h = crypto.createHash(name, outputLength ? { outputLength } : undefined).update(msg).digest();
  return new Uint8Array(Buffer.concat([Buffer.from([1, ctx.length]), ctx,
    Buffer.from([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, oid]), h]));
}

console.log(`OpenSSL ${process.versions.openssl} (Node ${process.version}); mldsa_backend() = ${m.backend()};` +
  ` libcrypto ML-DSA-44/65/87: ${[44, 65, 87].map((l) => m.available(l)).join('/')}`);
if (m.backend() !== 'libcrypto') { console.error('libcrypto has no ML-DSA here: nothing to compare'); process.exit(2); }
let bad = 0;
for (const file of files) {
  let level = 0, pk = null, last = null, n = 0, nlc = 0, fileBad = 0;
  const run = (c, what) => {
    n++;
    let input, msg = c.msg;
    if (c.mode === 'pure') input = PURE;
    else if (c.mode === 'internal') input = MPRIME;
    else if (c.mode === 'mu') input = MU;
    else { input = MPRIME; msg = prehashMprime(c.mode.slice(8), c.msg, c.ctx); }
    for (const [b, name] of [[OURS, 'ours'], [LIBCRYPTO, 'libcrypto'], [AUTO, 'auto']]) {
      const r = m.verify(b, input, c.level, c.pk, msg, c.ctx, c.sig);
      if (b === LIBCRYPTO) nlc++;
      if (r !== c.expect) {
        if (fileBad++ < 20) console.error(`${file}: case ${c.id}${what} (${c.mode}): ${name} gives ${r}, expected ${c.expect} (${c.note})`);
      }
    }
  };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const w = line.trim().split(/\s+/);
    if (w[0] === '' || w[0].startsWith('#')) continue;
    if (w[0] === 'k' && w.length === 3) { level = Number(w[1]); pk = hex(w[2]); continue; }
    if (w[0] === 't' && w.length === 8) {
      last = { id: w[1], expect: Number(w[2]), mode: w[3], level, pk, msg: hex(w[4]), ctx: hex(w[5]), sig: hex(w[6]), note: w[7] };
      run(last, '');
      continue;
    }
    if (w[0] === 'f' && w.length === 5) {
      const c = { ...last, expect: Number(w[2]), note: 'flip' };
      const bit = Number(w[4]);
      c[w[3]] = new Uint8Array(c[w[3]]);
      c[w[3]][bit >> 3] ^= 1 << (bit & 7);
      run(c, ` flip ${w[3]} bit ${bit}`);
      continue;
    }
    throw new Error(`${file}: cannot parse: ${line.slice(0, 60)}`);
  }
  console.log(`${file.replace(/.*\//, '')}: ${n} cases, each through our verifier, libcrypto and auto: ${fileBad} unexpected`);
  bad += fileBad;
}
process.exit(bad ? 1 : 0);
