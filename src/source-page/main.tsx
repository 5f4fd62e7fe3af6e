import { render } from 'preact';
import article from '../../assets/source/article.de.txt?raw';
import { BUNDLED_DATASET, BUNDLED_JSON } from '../dataset/bundled.ts';
import { parseDataset, type Dataset } from '../dataset/index.ts';
import { parsePackText } from '../dataset/pack.ts';
import { sendToBackground } from '../shared/rpc.ts';
import { SourcePage } from './source-page.tsx';
import { PAGE_STRINGS } from './strings.ts';

const uiLang = navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';

interface Shown {
  readonly article: string;
  /** null when the dataset failed validation: the source is still worth reading. */
  readonly dataset: Dataset | null;
  /** The imported pack, or undefined for the bundled story. */
  readonly story: string | undefined;
}

function bundled(): Shown {
  const parsed = parseDataset(BUNDLED_JSON, { sourceText: article });
  if (!parsed.ok) console.warn('[Context Cards] dataset invalid', parsed.errors);
  return { article, dataset: parsed.ok ? parsed.dataset : null, story: undefined };
}

/** `?story=<id>`: an imported pack, read from the background and validated again like any file. */
async function shown(): Promise<Shown> {
  const story = new URL(location.href).searchParams.get('story');
  if (story === null || story === '') return bundled();
  const parsed = story === BUNDLED_DATASET.id ? null : await readPack(story);
  return parsed ?? bundled();
}

async function readPack(id: string): Promise<Shown | null> {
  try {
    const { text } = await sendToBackground('packs/get', { id });
    if (text === null) return null;
    const parsed = parsePackText(text);
    if (!parsed.ok) {
      console.warn('[Context Cards] story pack invalid', parsed.errors);
      return null;
    }
    return { article: parsed.pack.sourceText, dataset: parsed.pack.dataset, story: id };
  } catch (error) {
    console.warn('[Context Cards] story pack not read', error);
    return null;
  }
}

document.documentElement.lang = uiLang;
document.title = `Context Cards: ${PAGE_STRINGS[uiLang].pageTitle}`;
const root = document.getElementById('app');
if (root) {
  void shown().then((s) =>
    render(
      <SourcePage
        article={s.article}
        dataset={s.dataset}
        uiLang={uiLang}
        initialTranslation={uiLang}
        href={location.href}
        story={s.story}
      />,
      root,
    ),
  );
}
