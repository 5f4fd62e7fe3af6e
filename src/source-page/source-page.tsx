import { useEffect, useMemo, useState } from 'preact/hooks';
import { ClaimHead } from '../card-view/chips.tsx';
import { ContextNote } from '../card-view/context-note.tsx';
import { formatDate } from '../card-view/dates.ts';
import { claimView, notesByClaim, safeHttpUrl } from '../card-view/model.ts';
import { STRINGS, type CardLang } from '../card-view/strings.ts';
import type { Dataset } from '../dataset/index.ts';
import { buildArticleModel, targetClaim, targetEntity, type Block, type Inline } from './article-model.ts';
import { EntityClaims } from './entity-claims.tsx';
import { PAGE_STRINGS } from './strings.ts';

export interface SourcePageProps {
  readonly article: string;
  /** null when the dataset failed validation: the article is still worth reading. */
  readonly dataset: Dataset | null;
  readonly uiLang: CardLang;
  readonly initialTranslation: CardLang;
  /** The page's URL: which claim to open at. */
  readonly href: string;
  /** The imported pack shown, or undefined for the bundled story. */
  readonly story?: string | undefined;
}

function InlineView({
  inline,
  target,
  strings,
}: {
  inline: Inline;
  target: string | null;
  strings: (typeof PAGE_STRINGS)[CardLang];
}) {
  if (inline.kind === 'anchor')
    return <span id={`claim-${inline.claimId}`} class="anchor" tabIndex={-1} data-anchor={inline.claimId} />;
  if (inline.kind === 'ref') {
    return (
      <sup class="ref">
        <a href={`#t-${inline.claimId}`} aria-label={strings.claimRef(inline.n)}>
          {inline.n}
        </a>
      </sup>
    );
  }
  if (inline.claims.length === 0) return <>{inline.text}</>;
  const classes = [
    'claim-mark',
    inline.claims.length > 1 ? 'overlap' : '',
    target !== null && inline.claims.includes(target) ? 'is-target' : '',
  ];
  return (
    <mark class={classes.filter(Boolean).join(' ')} data-claims={inline.claims.join(' ')}>
      {inline.text}
    </mark>
  );
}

/** The whole article, every quoted sentence marked, its translation beside it. */
export function SourcePage({ article, dataset, uiLang, initialTranslation, href, story }: SourcePageProps) {
  const strings = PAGE_STRINGS[uiLang];
  const [translation, setTranslation] = useState<CardLang>(initialTranslation);
  const [target, setTarget] = useState<string | null>(() => targetClaim(new URL(href)));
  const model = useMemo(() => buildArticleModel(article, dataset?.claims ?? []), [article, dataset]);
  const notes = useMemo(() => (dataset ? notesByClaim(dataset) : new Map()), [dataset]);
  const claims = useMemo(() => new Map((dataset?.claims ?? []).map((c) => [c.id, c])), [dataset]);
  const numbers = useMemo(() => new Map(model.spans.map((s) => [s.id, s.n])), [model]);
  // `?entity=` (from a card's "All N claims"): that entity's claims alone, when the dataset knows it.
  const entity = useMemo(() => {
    const id = targetEntity(new URL(href));
    return id === null ? null : (dataset?.entities.find((e) => e.id === id) ?? null);
  }, [href, dataset]);

  useEffect(() => {
    const reveal = (id: string | null, smooth: boolean): void => {
      if (id === null) return;
      const anchor = document.getElementById(`claim-${id}`);
      if (!anchor) return;
      const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
      anchor.scrollIntoView({ block: 'center', behavior: smooth && !reduce ? 'smooth' : 'instant' });
      // Focus follows, so a keyboard or screen-reader user starts reading at the claim.
      anchor.focus({ preventScroll: true });
    };
    reveal(target, false);
    const onHash = (): void => {
      const id = targetClaim(new URL(location.href));
      if (id === null) return;
      setTarget(id);
      reveal(id, true);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
    // Only on mount: later targets come through hashchange.
  }, []);

  const source = dataset?.source;
  const original = source?.translationOf ?? null;
  const originalUrl = original?.url ? safeHttpUrl(original.url) : null;
  const cardStrings = STRINGS[translation];

  const translations = (block: Block) =>
    block.claimsStartingHere.map((id) => {
      const claim = claims.get(id);
      if (!claim) return null;
      const view = claimView(claim, notes, translation);
      const n = numbers.get(id) ?? 0;
      return (
        <li key={id} id={`t-${id}`} class={`translation${target === id ? ' is-target' : ''}`} data-claim={id}>
          <a class="num" href={`#claim-${id}`} aria-label={strings.backToQuote(n)}>
            {n}
          </a>
          <div>
            <ClaimHead claim={view} strings={cardStrings} />
            <p lang={view.text.lang} class="translation-text">
              {view.text.text}
            </p>
            {view.notes.map((note) => (
              // Folded so the translations stay beside their sentences; open for the claim asked for.
              <details key={note.id} class={`note-details note-${note.verdict}`} open={target === id}>
                <summary class="verdict">{cardStrings.verdict[note.verdict]}</summary>
                <ContextNote note={note} strings={cardStrings} showVerdict={false} />
              </details>
            ))}
          </div>
        </li>
      );
    });

  return (
    <div class="page">
      <header class="intro">
        <h1>{strings.pageTitle}</h1>
        <p>{strings.intro}</p>
        {source && (
          <dl class="facts">
            <div>
              <dt class="sr-only">{dataset.title[uiLang]}</dt>
              <dd lang={uiLang}>{source.description[uiLang]}</dd>
            </div>
            <div>
              <dt>{strings.writtenAround}</dt>
              <dd>{source.writtenAround.note[uiLang]}</dd>
            </div>
            <div>
              <dt>{strings.notesChecked}</dt>
              <dd data-notes-checked={dataset.notesChecked}>{formatDate(dataset.notesChecked, uiLang)}</dd>
            </div>
            {original && (
              <div>
                <dt>{strings.translationOf(original.site)}</dt>
                <dd>
                  {originalUrl ? (
                    <a href={originalUrl} target="_blank" rel="noopener noreferrer">
                      {original.site}
                    </a>
                  ) : (
                    original.site
                  )}
                </dd>
              </div>
            )}
            <div>
              <dt>{strings.fileLabel}</dt>
              <dd>
                <code>{source.file}</code> · SHA-256 <code class="hash">{source.sha256}</code>
              </dd>
            </div>
          </dl>
        )}
        {!dataset && (
          <p class="error" role="alert">
            {strings.datasetError}
          </p>
        )}
        {model.missing.length > 0 && <p class="error">{strings.missing(model.missing.length)}</p>}
        <fieldset class="toggle">
          <legend>{strings.translationLegend}</legend>
          {(['en', 'de'] as const).map((l) => (
            <label key={l} lang={l}>
              <input
                type="radio"
                name="translation"
                value={l}
                checked={translation === l}
                onChange={() => setTranslation(l)}
              />
              {strings.languageName[l]}
            </label>
          ))}
        </fieldset>
      </header>
      {entity !== null && dataset !== null ? (
        <EntityClaims
          entity={entity}
          article={article}
          dataset={dataset}
          model={model}
          notes={notes}
          translation={translation}
          strings={strings}
          story={story}
        />
      ) : (
        <main class="article" aria-label={strings.articleHeading(dataset?.source.language ?? 'de')}>
          {model.blocks.map((block) => {
            const inlines = block.inlines.map((inline, i) => (
              <InlineView key={i} inline={inline} target={target} strings={strings} />
            ));
            return (
              <div class={`row row-${block.kind}`} key={block.start}>
                {block.kind === 'heading' ? (
                  <h2 class="text" lang={source?.language ?? 'de'}>
                    {inlines}
                  </h2>
                ) : (
                  <p class="text" lang={source?.language ?? 'de'}>
                    {inlines}
                  </p>
                )}
                {block.claimsStartingHere.length > 0 && (
                  <ol class="translations" aria-label={strings.translationsFor} lang={translation}>
                    {translations(block)}
                  </ol>
                )}
              </div>
            );
          })}
        </main>
      )}
    </div>
  );
}

/** A story pack that could not be shown: which one and why, never another story in its place. */
export function StoryError({
  story,
  detail,
  strings,
}: {
  readonly story: string;
  readonly detail: string;
  readonly strings: (typeof PAGE_STRINGS)[CardLang];
}) {
  return (
    <div class="page">
      <header class="intro">
        <h1>{strings.pageTitle}</h1>
        <div class="error" role="alert" data-testid="story-error">
          <p>{strings.storyError(story)}</p>
          <p>
            <code>{detail}</code>
          </p>
        </div>
      </header>
    </div>
  );
}
