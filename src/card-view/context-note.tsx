import type { NoteView } from './model.ts';
import type { CardStrings } from './strings.ts';

/** What other reporting says about a claim, with its sources as links (http(s) only). */
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
        {showVerdict && (
          <>
            <strong class="verdict">{strings.verdict[note.verdict]}</strong>{' '}
          </>
        )}
        <span lang={note.text.lang}>{note.text.text}</span>
      </p>
      {note.sources.length > 0 && (
        <ul class="sources" aria-label={strings.sourcesLabel}>
          {note.sources.map((s) => {
            const label = s.date === null ? s.publisher : `${s.publisher} (${s.date})`;
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
      )}
    </div>
  );
}
