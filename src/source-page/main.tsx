import { render } from 'preact';
import article from '../../assets/source/article.de.txt?raw';
import { BUNDLED_DATASET, BUNDLED_JSON } from '../dataset/bundled.ts';
import { parseDataset } from '../dataset/index.ts';
import { sendToBackground } from '../shared/rpc.ts';
import { loadStory, type Shown } from './load-story.ts';
import { SourcePage, StoryError } from './source-page.tsx';
import { PAGE_STRINGS } from './strings.ts';

const uiLang = navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';

function bundled(): Shown {
  const parsed = parseDataset(BUNDLED_JSON, { sourceText: article });
  if (!parsed.ok) console.warn('[Context Cards] dataset invalid', parsed.errors);
  return { kind: 'story', article, dataset: parsed.ok ? parsed.dataset : null, story: undefined };
}

const sources = {
  bundledId: BUNDLED_DATASET.id,
  bundled,
  packText: async (id: string) => (await sendToBackground('packs/get', { id })).text,
};

document.documentElement.lang = uiLang;
document.title = `Context Cards: ${PAGE_STRINGS[uiLang].pageTitle}`;
const root = document.getElementById('app');
if (root) {
  void loadStory(new URL(location.href).searchParams.get('story'), sources).then((s) => {
    if (s.kind === 'error') {
      console.warn('[Context Cards] story pack not shown', s.story, s.detail);
      render(<StoryError story={s.story} detail={s.detail} strings={PAGE_STRINGS[uiLang]} />, root);
      return;
    }
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
    );
  });
}
