import type { CardActions } from './actions.ts';
import type { Freshness, SourceView } from './model.ts';
import type { CardStrings } from './strings.ts';

interface Props {
  readonly source: SourceView;
  readonly freshness: Freshness;
  readonly firstClaimId: string | null;
  /** The story of that claim (several stories may speak of one entity). */
  readonly firstStory?: string | undefined;
  readonly strings: CardStrings;
  readonly actions: CardActions;
}

/**
 * The card's fixed bottom: how current the check against other reporting is (once the card's
 * newest date is more than six months old, the line says things may have changed since), the way
 * to the article, and the way to switch the card off here (undoable, see the Undo message).
 */
export function CardFooter({ source, freshness, firstClaimId, firstStory, strings, actions }: Props) {
  return (
    <footer class="footer">
      {freshness.stale ? (
        <p class="checked-line stale" data-testid="stale">
          {strings.stale(freshness.newest)}
        </p>
      ) : (
        <p class="checked-line">{strings.checkedUpTo(source.notesChecked)}</p>
      )}
      <div class="actions">
        <button
          type="button"
          class="button primary"
          data-action="read-source"
          onClick={() => actions.readSource(firstClaimId, firstStory)}
        >
          {strings.readSource}
        </button>
        <button type="button" class="button" data-action="turn-off-site" onClick={() => actions.turnOffOnSite()}>
          {strings.turnOffOnSite}
        </button>
      </div>
    </footer>
  );
}
