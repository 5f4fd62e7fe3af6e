import type { QuoteView } from './model.ts';

/**
 * A quote as the article has it, with "…" where it was cut from its sentence and the editor's
 * insertions in square brackets, set apart so nobody takes them for the article's words.
 */
export function QuoteText({ quote }: { quote: QuoteView }) {
  return (
    <>
      {quote.cutStart && '… '}
      {quote.parts.map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <span key={i} class="insertion">
            {/* Spaces around the brackets exactly where the quote had them. */}
            {i > 0 ? ' ' : ''}[{part.text}]{i === 0 ? ' ' : ''}
          </span>
        ),
      )}
      {quote.cutEnd && ' …'}
    </>
  );
}
