import type { CardActions } from './actions.ts';
import type { SourceView } from './model.ts';
import type { CardStrings } from './strings.ts';

interface Props {
  readonly source: SourceView;
  readonly firstClaimId: string | null;
  /** The story of that claim (several stories may speak of one entity). */
  readonly firstStory?: string | undefined;
  readonly strings: CardStrings;
  readonly actions: CardActions;
}

/**
 * The card's fixed bottom: how current the check against other reporting is, the way to the
 * article, and the way to switch the card off here (undoable, see the Undo message).
 */
export function CardFooter({ source, firstClaimId, firstStory, strings, actions }: Props) {
  return (
    <footer class="footer">
      <p class="checked-line">{strings.checkedUpTo(source.notesChecked)}</p>
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
