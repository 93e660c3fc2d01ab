#!/usr/bin/env node
// check-extra.mjs: an independent look at extra/certs with OpenSSL 3.5 (through node:crypto):
// for every certificate, the certificates among the extra, fixture and classical test
// certificates whose subject is its issuer name (by name only: some of these certificates
// have an AKI that matches nothing or an issuer that is no CA, on purpose), and whether
// X509Certificate.verify() accepts its signature with their keys.  Prints one line per certificate; exit 1 when a
// certificate meant to verify does not, or a corrupted one does.
// usage (Node with OpenSSL >= 3.5): node tests/data/pqc/tools/check-extra.mjs
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const PQC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (dir) => fs.readdirSync(dir).filter((n) => n.endsWith('.pem'))
  .map((n) => ({ name: path.relative(PQC, path.join(dir, n)), x: new X509Certificate(fs.readFileSync(path.join(dir, n))) }));
const extra = load(path.join(PQC, 'extra/certs'));
const all = [...extra, ...load(path.join(PQC, 'certs')), ...load(path.join(PQC, '../pki/certs'))];
let bad = 0;
for (const c of extra) {
  const issuers = all.filter((i) => i.x.subject === c.x.issuer && !i.name.endsWith('-corrupt.pem'));
  const res = issuers.map((i) => `${i.name}:${c.x.verify(i.x.publicKey)}`);
  const good = issuers.some((i) => c.x.verify(i.x.publicKey));
  const meant = !c.name.endsWith('-corrupt.pem');
  if (good !== meant) bad++;
  console.log(`${good === meant ? 'ok ' : 'BAD'} ${c.name} <- ${res.join(' ') || '(no issuer)'}`);
}
process.exit(bad ? 1 : 0);
