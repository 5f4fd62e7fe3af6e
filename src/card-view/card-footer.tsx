import { useEffect, useState } from 'preact/hooks';
import type { CardActions, RecentPages } from './actions.ts';
import type { SourceView } from './model.ts';
import type { CardStrings } from './strings.ts';

interface Props {
  readonly entityId: string;
  readonly source: SourceView;
  readonly firstClaimId: string | null;
  readonly strings: CardStrings;
  readonly actions: CardActions;
}

/** How many recent pages the card names; the rest are counted. */
export const RECENT_PAGES_SHOWN = 3;

/** Only web pages become links: a history row can never turn into a script or file URL. */
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

/** What the card rests on (one article), the way to read it, and the way to switch the card off. */
export function CardFooter({ entityId, source, firstClaimId, strings, actions }: Props) {
  const [recent, setRecent] = useState<RecentPages | null>(null);
  useEffect(() => {
    let live = true;
    // History is a nicety: when it is off, empty or the call fails, the line is simply absent.
    actions.recentPages(entityId).then(
      (r) => live && setRecent(Number.isInteger(r.total) && r.total > 0 ? r : null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [entityId, actions]);
  return (
    <footer class="footer">
      <p class="source-line">
        {strings.footerSource(source)} {strings.oneSource} {strings.checkedUpTo(source.notesChecked)}
      </p>
      {recent !== null && (
        <div class="recent">
          <p data-testid="recent-pages">{strings.alsoOnPages(recent.total)}</p>
          <ul class="recent-list">
            {recent.pages
              .filter((p) => isWebUrl(p.url))
              .slice(0, RECENT_PAGES_SHOWN)
              .map((p) => (
                <li key={p.url}>
                  <a href={p.url} target="_blank" rel="noopener noreferrer">
                    {p.title.trim() || new URL(p.url).host}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      )}
      <div class="actions">
        <button
          type="button"
          class="button primary"
          data-action="read-source"
          onClick={() => actions.readSource(firstClaimId)}
        >
          {strings.readSource}
        </button>
        <button type="button" class="button" data-action="hide-site" onClick={() => actions.hideOnSite()}>
          {strings.hideOnSite}
        </button>
      </div>
    </footer>
  );
}
