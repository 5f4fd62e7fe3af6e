import { useEffect, useId, useState } from 'preact/hooks';
import type { CardActions } from './actions.ts';
import { CardFooter } from './card-footer.tsx';
import { ClaimItem } from './claim-item.tsx';
import type { CardState } from './model.ts';
import { STRINGS, type CardLang } from './strings.ts';

/** Live regions ignore text that is present when they are inserted, so the text comes a moment later. */
export const ANNOUNCE_DELAY_MS = 100;

export interface CardProps {
  readonly state: CardState;
  readonly lang: CardLang;
  readonly actions: CardActions;
  /** Receives the dialog element, which takes focus when the card was opened from the keyboard. */
  readonly dialogRef?: (el: HTMLElement | null) => void;
}

function Announcer({ text }: { text: string }) {
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
          <h2 id={titleId} class="name">
            {strings.errorTitle}
          </h2>
          <CloseButton label={strings.close} onClose={actions.close} />
        </header>
        <p class="error" role="alert">
          {strings.errorBody}
        </p>
      </section>
    );
  }
  const { entity, source } = state;
  const claims = state.kind === 'ready' ? state.claims : [];
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
        <div>
          <h2 id={titleId} class="name">
            {entity.name}
          </h2>
          <p class="meta">
            <span class="kind">{strings.kind[entity.kind]}</span>
            {' · '}
            <span lang={entity.role.lang}>{entity.role.text}</span>
          </p>
        </div>
        <CloseButton label={strings.close} onClose={actions.close} />
      </header>
      <div class="body">
        <p class="summary" lang={entity.summary.lang}>
          {entity.summary.text}
        </p>
        <h3 class="section-title">{strings.inThisArticle}</h3>
        {claims.length === 0 ? (
          <p class="empty" data-testid="no-claims">
            {strings.noClaims(entity.name)}
          </p>
        ) : (
          <ul class="claims">
            {claims.map((c) => (
              <ClaimItem key={c.id} claim={c} quoteLang={source.quoteLang} strings={strings} actions={actions} />
            ))}
          </ul>
        )}
      </div>
      <CardFooter
        entityId={entity.id}
        source={source}
        firstClaimId={claims[0]?.id ?? null}
        strings={strings}
        actions={actions}
      />
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
