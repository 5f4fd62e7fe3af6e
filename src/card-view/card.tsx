import { useEffect, useId, useState } from 'preact/hooks';
import type { CardActions } from './actions.ts';
import { CardFooter } from './card-footer.tsx';
import { previewClaims, previewClaimsByStory } from './claim-order.ts';
import { ClaimList } from './claim-item.tsx';
import { SourceList } from './context-note.tsx';
import { formatDate } from './dates.ts';
import type { CardState, DevelopmentView } from './model.ts';
import { RecentPages } from './recent-pages.tsx';
import { ScrollBody } from './scroll-body.tsx';
import { Summary } from './summary.tsx';
import { StorySections } from './story-sections.tsx';
import { STRINGS, type CardLang, type CardStrings } from './strings.ts';

/** Live regions ignore text that is present when they are inserted, so the text comes a moment later. */
export const ANNOUNCE_DELAY_MS = 100;

export interface CardProps {
  readonly state: CardState;
  readonly lang: CardLang;
  readonly actions: CardActions;
  /** Receives the dialog element, which takes focus when the card was opened from the keyboard. */
  readonly dialogRef?: (el: HTMLElement | null) => void;
}

/** A polite live region that says `text` a moment after it appears (or changes). */
export function Announcer({ text }: { text: string }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSaid(text), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">
      {said}
    </div>
  );
}

/** The context card for one entity, in one of its explicit states. */
export function Card({ state, lang, actions, dialogRef }: CardProps) {
  const strings = STRINGS[lang];
  const titleId = useId();
  if (state.kind === 'error') {
    return (
      <section
        ref={dialogRef}
        class="card"
        role="dialog"
        aria-labelledby={titleId}
        tabIndex={-1}
        lang={lang}
        data-state="error"
      >
        <header class="header">
          <div class="title-row">
            <h2 id={titleId} class="name">
              {strings.errorTitle}
            </h2>
            <CloseButton label={strings.close} onClose={actions.close} />
          </div>
        </header>
        <p class="error" role="alert">
          {state.reason === 'unreachable' ? strings.errorUnreachable : strings.errorBody}
        </p>
      </section>
    );
  }
  const { entity, source, developments, freshness } = state;
  const claims = state.kind === 'ready' ? state.claims : [];
  const stories = state.kind === 'ready' ? state.stories : [];
  // Several stories: each is seen in the preview, in a section of its own.
  const shown = stories.length > 1 ? previewClaimsByStory(claims, stories) : previewClaims(claims);
  const written = strings.articleWhen(source.writtenAround);
  return (
    <section
      ref={dialogRef}
      class="card"
      role="dialog"
      aria-label={strings.dialogLabel(entity.name)}
      tabIndex={-1}
      lang={lang}
      data-state={state.kind}
      data-entity={entity.id}
    >
      <Announcer text={strings.announce(entity.name, claims.length)} />
      <header class="header">
        <p class="brand" data-testid="brand">
          {strings.brand(source)}
        </p>
        <div class="title-row">
          <h2 id={titleId} class="name">
            {entity.name}
          </h2>
          <CloseButton label={strings.close} onClose={actions.close} />
        </div>
      </header>
      {/* Keyed by entity: a card switched to another mention starts at its top, every toggle closed. */}
      <ScrollBody key={entity.id}>
        <p class="meta">
          <span class="kind">{strings.kind[entity.kind]}</span>
          {' · '}
          <span lang={entity.role.lang}>{entity.role.text}</span>{' '}
          <span class="as-of" data-as-of={entity.role.asOf}>
            ({strings.asOf(entity.role.asOf)})
          </span>
        </p>
        <Summary entity={entity} strings={strings} />
        <h3 class="section-title">
          {stories.length > 1 ? (
            strings.inStories(stories.length)
          ) : (
            <>
              {strings.inThisArticle}
              {written !== null && <span class="section-when"> · {written}</span>}
            </>
          )}
        </h3>
        {claims.length === 0 ? (
          <p class="empty" data-testid="no-claims">
            {strings.noClaims(entity.name)}
          </p>
        ) : (
          <>
            {stories.length > 1 ? (
              <StorySections claims={shown} stories={stories} strings={strings} actions={actions} />
            ) : (
              <ClaimList claims={shown} quoteLang={source.quoteLang} strings={strings} actions={actions} />
            )}
            <p class="all-claims">
              <button
                type="button"
                class="link-button"
                data-action="all-claims"
                onClick={() => actions.readEntity(entity.id, stories[0]?.id)}
              >
                {strings.allClaims(claims.length, entity.name)}
              </button>
            </p>
          </>
        )}
        {/* After the claims: the preview leads with what the source says and how it holds up. */}
        {developments.length > 0 && <Developments items={developments} lang={lang} strings={strings} />}
        <RecentPages entityId={entity.id} strings={strings} actions={actions} />
        <p class="source-line">
          {strings.footerSource(source)} {strings.oneSource}
        </p>
      </ScrollBody>
      <CardFooter
        source={source}
        freshness={freshness}
        firstClaimId={shown[0]?.id ?? null}
        firstStory={shown[0]?.story?.id}
        strings={strings}
        actions={actions}
      />
    </section>
  );
}

/** "What happened next": dated lines about later events, each with its source. */
function Developments({
  items,
  lang,
  strings,
}: {
  items: readonly DevelopmentView[];
  lang: CardLang;
  strings: CardStrings;
}) {
  return (
    <section class="next" aria-label={strings.whatHappenedNext}>
      <h3 class="section-title">{strings.whatHappenedNext}</h3>
      <ul class="next-list">
        {items.map((d) => (
          <li key={d.id} data-development={d.id}>
            <strong class="next-date" data-date={d.date}>
              {formatDate(d.date, lang)}
            </strong>
            {': '}
            <span lang={d.text.lang}>{d.text.text}</span>
            <SourceList sources={d.sources} strings={strings} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CloseButton({ label, onClose }: { label: string; onClose: () => void }) {
  return (
    <button type="button" class="close" aria-label={label} title={label} onClick={onClose}>
      <span aria-hidden="true">×</span>
    </button>
  );
}
