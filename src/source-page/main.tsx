import { render } from 'preact';
import article from '../../assets/source/article.de.txt?raw';
import { BUNDLED_JSON } from '../dataset/bundled.ts';
import { parseDataset } from '../dataset/index.ts';
import { SourcePage } from './source-page.tsx';
import { PAGE_STRINGS } from './strings.ts';

const uiLang = navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
const parsed = parseDataset(BUNDLED_JSON, { sourceText: article });
if (!parsed.ok) console.warn('[Context Cards] dataset invalid', parsed.errors);

document.documentElement.lang = uiLang;
document.title = `Context Cards: ${PAGE_STRINGS[uiLang].pageTitle}`;
const root = document.getElementById('app');
if (root) {
  render(
    <SourcePage
      article={article}
      dataset={parsed.ok ? parsed.dataset : null}
      uiLang={uiLang}
      initialTranslation={uiLang}
      href={location.href}
    />,
    root,
  );
}
