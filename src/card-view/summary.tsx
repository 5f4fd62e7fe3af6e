import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EntityView } from './model.ts';
import type { CardStrings } from './strings.ts';

/**
 * Who this is, in at most three lines: the preview leads with the claims, so a long summary is
 * clamped and "Show more" opens the rest in place. The button appears only when the text really
 * overflows the three lines (measured after layout, again when the card's width changes); screen
 * readers read the whole summary either way.
 */
export function Summary({ entity, strings }: { entity: EntityView; strings: CardStrings }) {
  const id = useId();
  const ref = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || expanded) return undefined;
    // One pixel of slack: zoomed pages report fractional heights.
    const measure = (): void => setOverflows(el.scrollHeight > el.clientHeight + 1);
    measure();
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    resize?.observe(el);
    return () => resize?.disconnect();
  }, [expanded, entity.id]);
  return (
    <>
      <p id={id} ref={ref} class="summary" data-clamped={expanded ? undefined : ''}>
        <span lang={entity.summary.lang}>{entity.summary.text}</span>
        {/* Said once when role and summary hold for the same date. */}
        {entity.summary.asOf !== entity.role.asOf && (
          <>
            {' '}
            <span class="as-of" data-as-of={entity.summary.asOf}>
              ({strings.asOf(entity.summary.asOf)})
            </span>
          </>
        )}
      </p>
      {(overflows || expanded) && (
        <button
          type="button"
          class="link-button summary-toggle"
          data-action="summary-toggle"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((was) => !was)}
        >
          {expanded ? strings.showLess : strings.showMore}
        </button>
      )}
    </>
  );
}
