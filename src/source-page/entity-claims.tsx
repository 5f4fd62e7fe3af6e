import { ClaimHead } from '../card-view/chips.tsx';
import { ContextNote } from '../card-view/context-note.tsx';
import { claimView, type ClaimView } from '../card-view/model.ts';
import { STRINGS, type CardLang } from '../card-view/strings.ts';
import type { Claim, Dataset, Entity, Note } from '../dataset/index.ts';
import { quoteInContext, type ArticleModel } from './article-model.ts';
import type { PageStrings } from './strings.ts';

interface Props {
  readonly entity: Entity;
  readonly article: string;
  readonly dataset: Dataset;
  readonly model: ArticleModel;
  readonly notes: ReadonlyMap<string, readonly Note[]>;
  readonly translation: CardLang;
  readonly strings: PageStrings;
  /** The imported pack shown, or undefined for the bundled story: links keep it. */
  readonly story?: string | undefined;
}

/**
 * The page a card's "All N claims" opens: one entity's claims in the article's order, each with
 * its verdict and who says it, its translation, its quote inside its paragraph, a way to the
 * same place in the whole article, and every note, open.
 */
export function EntityClaims({ entity, article, dataset, model, notes, translation, strings, story }: Props) {
  // The id passed the id pattern (lower-case letters, digits, hyphens): nothing to escape.
  const page = story === undefined ? 'index.html' : `index.html?story=${story}`;
  const cardStrings = STRINGS[translation];
  const numbers = new Map(model.spans.map((s) => [s.id, s.n]));
  const claims = dataset.claims
    .filter((c) => c.entities.includes(entity.id))
    .sort((a, b) => (numbers.get(a.id) ?? Infinity) - (numbers.get(b.id) ?? Infinity));
  return (
    <main class="entity-view" aria-labelledby="entity-heading" data-entity={entity.id}>
      <h2 id="entity-heading">{strings.entityHeading(entity.name, claims.length)}</h2>
      <p class="entity-intro">
        {strings.entityIntro}{' '}
        <a href={page} data-testid="whole-article">
          {strings.wholeArticle}
        </a>
      </p>
      <ol class="entity-claims">
        {claims.map((claim) => (
          <EntityClaim
            key={claim.id}
            claim={claim}
            view={claimView(claim, notes, translation)}
            n={numbers.get(claim.id) ?? null}
            context={quoteInContext(article, model, claim.id)}
            quoteLang={dataset.source.language}
            cardStrings={cardStrings}
            strings={strings}
            page={page}
          />
        ))}
      </ol>
    </main>
  );
}

function EntityClaim({
  claim,
  view,
  n,
  context,
  quoteLang,
  cardStrings,
  strings,
  page,
}: {
  claim: Claim;
  view: ClaimView;
  n: number | null;
  context: ReturnType<typeof quoteInContext>;
  quoteLang: string;
  cardStrings: (typeof STRINGS)[CardLang];
  strings: PageStrings;
  page: string;
}) {
  return (
    <li id={`t-${claim.id}`} class="entity-claim" data-claim={claim.id} data-verdict={view.verdict ?? undefined}>
      <ClaimHead claim={view} strings={cardStrings} />
      <p lang={view.text.lang} class="translation-text">
        {view.text.text}
      </p>
      {context !== null && (
        <blockquote class="in-context" lang={quoteLang} aria-label={strings.inContextLabel}>
          {context.before}
          <mark class="claim-mark is-target" data-claims={claim.id}>
            {context.quote}
          </mark>
          {context.after}
        </blockquote>
      )}
      {n !== null && (
        <p class="in-whole">
          <a href={`${page}#claim-${claim.id}`}>
            {strings.inWholeArticle} ({n})
          </a>
        </p>
      )}
      {view.notes.map((note) => (
        <ContextNote key={note.id} note={note} strings={cardStrings} showVerdict={note.verdict !== view.leadVerdict} />
      ))}
    </li>
  );
}
