import { useId, useState } from 'preact/hooks';
import type { CardActions } from './actions.ts';
import { ClaimHead } from './chips.tsx';
import { ContextNote } from './context-note.tsx';
import type { ClaimView } from './model.ts';
import { QuoteText } from './quote.tsx';
import type { CardStrings } from './strings.ts';

interface Props {
  readonly claim: ClaimView;
  readonly quoteLang: string;
  readonly strings: CardStrings;
  readonly actions: CardActions;
}

/**
 * One claim: its verdict when other reporting contradicts or qualifies it, who says it and how,
 * then its text and what other reporting says. In the article's language the verbatim quote is
 * the text; in another language the translation is, with the quote one click away.
 */
export function ClaimItem({ claim, quoteLang, strings, actions }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const readInContext = (
    <button
      type="button"
      class="link-button"
      data-action="read-in-context"
      onClick={() => actions.readSource(claim.id)}
    >
      {strings.readInContext}
    </button>
  );
  return (
    <li class="claim" data-claim={claim.id} data-verdict={claim.verdict ?? undefined}>
      <ClaimHead claim={claim} strings={strings} />
      {claim.showsQuote ? (
        <>
          <blockquote class="claim-text claim-quote" lang={quoteLang} aria-label={strings.quoteLabel}>
            <QuoteText quote={claim.quoteView} />
          </blockquote>
          {readInContext}
        </>
      ) : (
        <>
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
                  <QuoteText quote={claim.quoteView} />
                </blockquote>
                {readInContext}
              </>
            )}
          </div>
        </>
      )}
      {claim.notes.map((note) => (
        // A verdict the claim already leads with is not said a second time.
        <ContextNote key={note.id} note={note} strings={strings} showVerdict={note.verdict !== claim.leadVerdict} />
      ))}
    </li>
  );
}
