import type { CardActions } from './actions.ts';
import { ClaimList } from './claim-item.tsx';
import type { ClaimView, StoryRef } from './model.ts';
import type { CardStrings } from './strings.ts';

interface Props {
  /** The claims the preview shows, each with its story. */
  readonly claims: readonly ClaimView[];
  /** Every story with claims about the entity, newest first. */
  readonly stories: readonly StoryRef[];
  readonly strings: CardStrings;
  readonly actions: CardActions;
}

/**
 * The preview's claims when several stories speak of one entity: a section per story, newest
 * first, headed by the story's title and when it was written, so every claim says where it is from.
 */
export function StorySections({ claims, stories, strings, actions }: Props) {
  return (
    <>
      {stories.map((story) => {
        const own = claims.filter((c) => c.story?.id === story.id);
        if (own.length === 0) return null;
        const when = strings.articleWhen(story.writtenAround);
        return (
          <section class="story" key={story.id} data-story={story.id}>
            <h4 class="story-title">
              <span lang={story.title.lang}>{story.title.text}</span>
              {when !== null && <span class="section-when"> · {when}</span>}
            </h4>
            <ClaimList claims={own} quoteLang={story.language} strings={strings} actions={actions} />
          </section>
        );
      })}
    </>
  );
}
