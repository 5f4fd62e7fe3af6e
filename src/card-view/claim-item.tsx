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

/** The claims a card shows, as given: the card picks and orders them (claim-order.ts). */
export function ClaimList({ claims, ...rest }: Omit<Props, 'claim'> & { readonly claims: readonly ClaimView[] }) {
  return (
    <ul class="claims">
      {claims.map((c) => (
        <ClaimItem key={c.id} claim={c} {...rest} />
      ))}
    </ul>
  );
}

/**
 * One claim in the preview: its verdict when other reporting contradicts or qualifies it, who
 * says it and how, then its text. Below it one line of small controls: what other reporting says
 * (labelled with the verdict, so every judged claim shows its verdict at once) and, in another
 * language than the article's, the verbatim quote; both open in place. In the article's
 * language the verbatim quote is the text itself.
 */
export function ClaimItem({ claim, quoteLang: cardQuoteLang, strings, actions }: Props) {
  // A claim of another story quotes that story's language.
  const quoteLang = claim.story?.language ?? cardQuoteLang;
  const [quoteOpen, setQuoteOpen] = useState(false);
  const [notesOpen, setNotesOpen] = useState(false);
  const quoteId = useId();
  const notesId = useId();
  const readInContext = (
    <button
      type="button"
      class="link-button"
      data-action="read-in-context"
      onClick={() => actions.readSource(claim.id, claim.story?.id)}
    >
      {strings.readInContext}
    </button>
  );
  const notesLabel =
    claim.leadVerdict !== null || claim.verdict === null ? strings.whatOthersSay : strings.verdict[claim.verdict];
  return (
    <li class="claim" data-claim={claim.id} data-verdict={claim.verdict ?? undefined}>
      <ClaimHead claim={claim} strings={strings} />
      {claim.showsQuote ? (
        <blockquote class="claim-text claim-quote" lang={quoteLang} aria-label={strings.quoteLabel}>
          <QuoteText quote={claim.quoteView} />
        </blockquote>
      ) : (
        <p class="claim-text" lang={claim.text.lang}>
          {claim.text.text}
          {claim.text.fallback && <span class="fallback"> {strings.fallbackNote}</span>}
        </p>
      )}
      <p class="claim-tools">
        {claim.notes.length > 0 && (
          <button
            type="button"
            class={`link-button note-toggle note-toggle-${claim.verdict ?? 'none'}`}
            aria-expanded={notesOpen}
            aria-controls={notesId}
            data-verdict={claim.verdict ?? undefined}
            onClick={() => setNotesOpen(!notesOpen)}
          >
            {notesLabel}
          </button>
        )}
        {claim.showsQuote ? (
          readInContext
        ) : (
          <button
            type="button"
            class="link-button quote-toggle"
            aria-expanded={quoteOpen}
            aria-controls={quoteId}
            onClick={() => setQuoteOpen(!quoteOpen)}
          >
            {quoteOpen ? strings.hideQuote : strings.showQuote}
          </button>
        )}
      </p>
      <div id={notesId} class="note-panel" hidden={!notesOpen}>
        {notesOpen &&
          claim.notes.map((note) => (
            // A verdict the claim already leads with, or its toggle names, is not said a second time.
            <ContextNote
              key={note.id}
              note={note}
              strings={strings}
              showVerdict={note.verdict !== claim.leadVerdict && note.verdict !== claim.verdict}
            />
          ))}
      </div>
      {!claim.showsQuote && (
        <div id={quoteId} class="quote-panel" hidden={!quoteOpen}>
          {quoteOpen && (
            <>
              <blockquote lang={quoteLang} aria-label={strings.quoteLabel}>
                <QuoteText quote={claim.quoteView} />
              </blockquote>
              {readInContext}
            </>
          )}
        </div>
      )}
    </li>
  );
}
