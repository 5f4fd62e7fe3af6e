import { describe, expect, it } from 'vitest';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { readMarks } from './support/hostile-harness.ts';

describe.each(BROWSERS)('skeleton in %s', (name) => {
  const { server, ext } = useExtension(name);

  it('registers the Zuckerberg highlight over the right text', async () => {
    const page = await ext().browser.newPage();
    await page.goto(`${server().origin}/fixtures/basic.html`);
    await page.waitForFunction(() => CSS.highlights.has('context-cards-mark-zuckerberg'), { timeout: 10_000 });
    const texts = (await readMarks(page))['mark-zuckerberg'] ?? [];
    expect(texts).toEqual(['Mark Zuckerberg', 'Zuckerberg']);
    await page.close();
  });

  it('renders the popup with its switch', async () => {
    const page = await ext().openExtensionPage('popup/index.html', server().origin);
    await page.waitForSelector('[data-testid="master-switch"]:not([disabled])');
    const heading = await page.$eval('h1', (h) => h.textContent);
    expect(heading).toBe('Context Cards');
    await page.close();
  });
});
