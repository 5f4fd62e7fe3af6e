import { useEffect, useState } from 'preact/hooks';
import type { CardActions } from './actions.ts';
import type { SourceView } from './model.ts';
import type { CardStrings } from './strings.ts';

interface Props {
  readonly entityId: string;
  readonly source: SourceView;
  readonly firstClaimId: string | null;
  readonly strings: CardStrings;
  readonly actions: CardActions;
}

/** What the card rests on (one article), the way to read it, and the way to switch the card off. */
export function CardFooter({ entityId, source, firstClaimId, strings, actions }: Props) {
  const [recent, setRecent] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    // History is a nicety: when it is off, empty or the call fails, the line is simply absent.
    actions.recentPages(entityId).then(
      (n) => live && setRecent(Number.isInteger(n) && n > 0 ? n : null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [entityId, actions]);
  return (
    <footer class="footer">
      <p class="source-line">
        {strings.footerSource(source)} {strings.oneSource}
      </p>
      {recent !== null && <p class="recent" data-testid="recent-pages">{strings.alsoOnPages(recent)}</p>}
      <div class="actions">
        <button type="button" class="button primary" data-action="read-source" onClick={() => actions.readSource(firstClaimId)}>
          {strings.readSource}
        </button>
        <button type="button" class="button" data-action="hide-site" onClick={() => actions.hideOnSite()}>
          {strings.hideOnSite}
        </button>
      </div>
    </footer>
  );
}
