import type { ClaimView } from './model.ts';
import type { CardStrings } from './strings.ts';

type HeadClaim = Pick<ClaimView, 'attribution' | 'kind' | 'leadVerdict'>;

/**
 * What a reader weighs before a claim: a contradicted or qualified verdict first, then who says
 * it (in the article's words) and how the article presents it. The kind chip says "Stated as
 * fact", never "Fact": it describes the article's framing, not the truth.
 */
export function ClaimHead({ claim, strings }: { claim: HeadClaim; strings: CardStrings }) {
  return (
    <>
      {claim.leadVerdict !== null && (
        <p class={`lead-verdict lead-${claim.leadVerdict}`} data-lead-verdict={claim.leadVerdict}>
          {strings.leadVerdict[claim.leadVerdict]}
        </p>
      )}
      <p class="chips">
        <span
          class={`who who-${claim.attribution.kind}`}
          data-chip="attribution"
          data-value={claim.attribution.kind}
          lang={claim.attribution.label.lang}
        >
          {claim.attribution.label.text}
        </span>{' '}
        <span class={`chip chip-kind chip-kind-${claim.kind}`} data-chip="kind" data-value={claim.kind}>
          {strings.claimKind[claim.kind]}
        </span>
      </p>
    </>
  );
}
