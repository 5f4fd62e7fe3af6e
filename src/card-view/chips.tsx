import type { ClaimView } from './model.ts';
import type { CardStrings } from './strings.ts';

/** Who says it (attribution) and what kind of statement it is: the two facts a reader weighs first. */
export function Chips({ claim, strings }: { claim: Pick<ClaimView, 'attribution' | 'kind'>; strings: CardStrings }) {
  return (
    <span class="chips">
      <span
        class={`chip chip-attr chip-attr-${claim.attribution.kind}`}
        data-chip="attribution"
        data-value={claim.attribution.kind}
      >
        {strings.attribution[claim.attribution.kind]}
      </span>
      <span class={`chip chip-kind chip-kind-${claim.kind}`} data-chip="kind" data-value={claim.kind}>
        {strings.claimKind[claim.kind]}
      </span>
    </span>
  );
}
