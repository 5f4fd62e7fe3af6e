import { useEffect, useState } from 'preact/hooks';
import type { CardActions, RecentPages as Recent } from './actions.ts';
import type { CardStrings } from './strings.ts';

/** How many recent pages the card names; the rest are counted. */
export const RECENT_PAGES_SHOWN = 3;

/** Only web pages become links: a history row can never turn into a script or file URL. */
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

/** Other pages read recently that mention the entity; absent when history is off, empty or failing. */
export function RecentPages({
  entityId,
  strings,
  actions,
}: {
  entityId: string;
  strings: CardStrings;
  actions: CardActions;
}) {
  const [recent, setRecent] = useState<Recent | null>(null);
  useEffect(() => {
    let live = true;
    setRecent(null);
    actions.recentPages(entityId).then(
      (r) => live && setRecent(Number.isInteger(r.total) && r.total > 0 ? r : null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [entityId, actions]);
  if (recent === null) return null;
  return (
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
  );
}
