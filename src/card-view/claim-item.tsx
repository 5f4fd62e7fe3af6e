import { useId, useState } from 'preact/hooks';
import type { CardActions } from './actions.ts';
import { Chips } from './chips.tsx';
import { ContextNote } from './context-note.tsx';
import type { ClaimView } from './model.ts';
import type { CardStrings } from './strings.ts';

interface Props {
  readonly claim: ClaimView;
  readonly quoteLang: string;
  readonly strings: CardStrings;
  readonly actions: CardActions;
}

/** One claim: the translation first, the verbatim quote one click away, then other reporting. */
export function ClaimItem({ claim, quoteLang, strings, actions }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <li class="claim" data-claim={claim.id}>
      <Chips claim={claim} strings={strings} />
      <p class="claim-text" lang={claim.text.lang}>
        {claim.text.text}
        {claim.text.fallback && <span class="fallback"> {strings.fallbackNote}</span>}
      </p>
      <button
        type="button"
        class="link-button quote-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {open ? strings.hideQuote : strings.showQuote}
      </button>
      <div id={panelId} class="quote-panel" hidden={!open}>
        {open && (
          <>
            <blockquote lang={quoteLang} aria-label={strings.quoteLabel}>
              {claim.quote}
            </blockquote>
            <p class="attribution">
              {strings.attributedTo}: <span lang={claim.attribution.label.lang}>{claim.attribution.label.text}</span>
            </p>
            <button type="button" class="link-button" onClick={() => actions.readSource(claim.id)}>
              {strings.readInContext}
            </button>
          </>
        )}
      </div>
      {claim.notes.map((note) => (
        <ContextNote key={note.id} note={note} strings={strings} />
      ))}
    </li>
  );
}
