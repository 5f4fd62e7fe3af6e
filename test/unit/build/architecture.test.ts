import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: repo });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(repo, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint enforces the architecture', () => {
  it('keeps match/ free of browser and context imports', async () => {
    expect(
      await ruleIds(
        "import { browser } from '../shared/browser.ts';\nexport const b = browser;\n",
        'src/match/probe.ts',
      ),
    ).toContain('import-x/no-restricted-paths');
  });

  it('keeps content/ from importing the popup or background', async () => {
    expect(
      await ruleIds("import { App } from '../popup/app.tsx';\nexport const a = App;\n", 'src/content/probe.ts'),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleIds("import * as bg from '../background/index.ts';\nexport const b = bg;\n", 'src/content/probe.ts'),
    ).toContain('import-x/no-restricted-paths');
  });

  it('keeps the background and popup apart', async () => {
    expect(
      await ruleIds("import * as c from '../content/index.ts';\nexport const x = c;\n", 'src/background/probe.ts'),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleIds("import * as b from '../background/index.ts';\nexport const x = b;\n", 'src/popup/probe.ts'),
    ).toContain('import-x/no-restricted-paths');
  });

  it('allows a context to use shared/', async () => {
    expect(
      await ruleIds(
        "import { DEFAULT_SETTINGS } from '../shared/settings.ts';\nexport const s = DEFAULT_SETTINGS;\n",
        'src/content/probe.ts',
      ),
    ).toEqual([]);
  });

  it('forbids HTML from strings, eval and new Function in src/', async () => {
    const ids = await ruleIds(
      "export function f(el: Element, s: string): void {\n  el.innerHTML = s;\n  el.insertAdjacentHTML('beforeend', s);\n  eval(s);\n  new Function(s);\n}\n",
      'src/card-view/probe.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-syntax')).toHaveLength(4);
  });

  it('keeps IndexedDB out of the content script', async () => {
    expect(await ruleIds("export const db = indexedDB.open('x');\n", 'src/content/probe.ts')).toContain(
      'no-restricted-globals',
    );
  });

  it('routes browser APIs through the one adapter', async () => {
    expect(
      await ruleIds("import browser from 'webextension-polyfill';\nexport const b = browser;\n", 'src/popup/probe.ts'),
    ).toContain('no-restricted-imports');
  });
});
