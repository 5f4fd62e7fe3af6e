import type { NoteSourceView, NoteView } from './model.ts';
import type { CardStrings } from './strings.ts';

/** Sources as links (http(s) only), each with its outlet, the outlet it relays, and its date. */
export function SourceList({ sources, strings }: { sources: readonly NoteSourceView[]; strings: CardStrings }) {
  if (sources.length === 0) return null;
  return (
    <ul class="sources" aria-label={strings.sourcesLabel}>
      {sources.map((s) => {
        const label = strings.sourceLabel(s);
        return (
          <li key={`${s.publisher}|${s.url ?? ''}`}>
            {s.url === null ? (
              label
            ) : (
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What other reporting says about a claim, dated. The lead-in names the verdict unless it was
 * already said (before the claim, or in the source page's heading): then it says only "Other reporting".
 */
export function ContextNote({
  note,
  strings,
  showVerdict = true,
}: {
  note: NoteView;
  strings: CardStrings;
  showVerdict?: boolean;
}) {
  return (
    <div class={`note note-${note.verdict}`} data-verdict={note.verdict}>
      <p>
        <strong class="verdict">{showVerdict ? strings.verdict[note.verdict] : strings.otherReporting}</strong>{' '}
        <span class="as-of" data-as-of={note.asOf}>
          {strings.noteAsOf(note.asOf)}
        </span>
        {': '}
        <span lang={note.text.lang}>{note.text.text}</span>
      </p>
      <SourceList sources={note.sources} strings={strings} />
    </div>
  );
}
