import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../assets/_locales');
type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, unknown> }>;
const read = (lang: string): Messages =>
  JSON.parse(readFileSync(resolve(root, lang, 'messages.json'), 'utf8')) as Messages;
const locales = readdirSync(root);
const en = read('en');

/** Positional substitutions ($1..$9) and named placeholders ($name$) a message uses. */
function slots(text: string): string[] {
  return [...text.matchAll(/\$(\d|[A-Za-z_]+\$)/g)].map((m) => m[0]).sort();
}

describe('locales', () => {
  it('has English and German', () => {
    expect(locales.sort()).toEqual(['de', 'en']);
  });

  it.each(locales)('%s has exactly the English keys, each with the same placeholders', (lang) => {
    const other = read(lang);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en)) {
      expect(slots(other[key]?.message ?? ''), key).toEqual(slots(message));
      expect(other[key]?.message.trim(), key).not.toBe('');
    }
  });

  it('keys are valid message names (letters, digits, underscore) and no message has a stray $', () => {
    for (const [key, { message }] of Object.entries(en)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(message.replace(/\$(\d|[A-Za-z_]+\$|\$)/g, '')).not.toContain('$');
    }
  });

  it('every __MSG_ key in the manifest exists', () => {
    const manifest = readFileSync(resolve(import.meta.dirname, '../../../manifest.json'), 'utf8');
    for (const [, key] of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) expect(en, key).toHaveProperty(key ?? '');
  });

  it('every key the popup asks for exists', () => {
    const dir = resolve(import.meta.dirname, '../../../src/popup');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const used = new Set<string>();
    for (const f of files)
      for (const [, key] of readFileSync(resolve(dir, f), 'utf8').matchAll(/'(popup[A-Za-z]+|extName)'/g))
        used.add(key ?? '');
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(en, key).toHaveProperty(key);
  });
});
