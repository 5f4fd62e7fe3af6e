/**
 * `npm run pack -- init <article.txt> [--out <pack.json>]`: writes a skeleton story pack for an
 * article: its text and SHA-256 filled in, one entity to describe, and every sentence of the
 * article as a claim to keep (and complete) or delete, each already verbatim.
 *
 * `npm run pack -- check <pack.json>`: validates a pack exactly as the extension does on import
 * (src/dataset/pack.ts) and prints every error with its JSON path; exits 1 when there is one.
 *
 * The walk from article to imported pack: docs/packs.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { formatErrors, parsePackText } from '../src/dataset/pack.ts';
import { sha256Hex } from '../src/dataset/sha256.ts';
import { skeletonPack, splitSentences } from './pack-skeleton.ts';

const USAGE = `usage:
  npm run pack -- init <article.txt> [--out <pack.json>]   write a skeleton pack for an article
  npm run pack -- check <pack.json>                         validate a pack as the extension does`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function init(args: readonly string[]): void {
  const [file] = args.filter((a) => !a.startsWith('--'));
  if (file === undefined) fail(USAGE);
  const outIndex = args.indexOf('--out');
  const name = basename(file, extname(file));
  const out = outIndex >= 0 ? args[outIndex + 1] : join(dirname(file), `${name}.pack.json`);
  if (out === undefined) fail(USAGE);
  if (existsSync(out)) fail(`${out} exists already; remove it or choose another with --out`);
  const text = readFileSync(file, 'utf8');
  const pack = skeletonPack({ text, fileName: basename(file), sha256: sha256Hex(text) });
  writeFileSync(out, `${JSON.stringify(pack, null, 2)}\n`);
  console.log(`wrote ${out}: ${splitSentences(text).length} sentences listed as claims to keep or delete.`);
  console.log(`next: fill in the empty fields (docs/packs.md), then npm run pack -- check ${out}`);
}

function check(args: readonly string[]): void {
  const [file] = args;
  if (file === undefined) fail(USAGE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = parsePackText(text);
  if (!result.ok) {
    for (const line of formatErrors(result.errors)) console.log(line);
    console.log(`\n${file}: ${result.errors.length} ${result.errors.length === 1 ? 'error' : 'errors'}`);
    process.exit(1);
  }
  const { dataset } = result.pack;
  console.log(
    `${file}: ok, story pack "${dataset.id}": ${dataset.entities.length} entities, ${dataset.claims.length} claims, ${dataset.notes.length} notes`,
  );
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'init') init(rest);
else if (command === 'check') check(rest);
else fail(USAGE);
