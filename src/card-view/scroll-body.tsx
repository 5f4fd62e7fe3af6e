import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Edges {
  readonly above: boolean;
  readonly below: boolean;
}

/**
 * The card's scrolling middle, between its fixed header and footer. Overlay scrollbars (Firefox,
 * macOS, phones) show nothing until one scrolls, so the body says itself when there is more:
 * `data-more-above` / `data-more-below` turn on a fade at that edge. Measured on scroll and on
 * resize (a toggle opening), never per frame.
 */
export function ScrollBody({ children }: { children: ComponentChildren }) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ above: false, below: false });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    const measure = (): void => {
      // One pixel of slack: zoomed pages report fractional scroll positions.
      const above = el.scrollTop > 1;
      const below = el.scrollTop + el.clientHeight < el.scrollHeight - 1;
      setEdges((was) => (was.above === above && was.below === below ? was : { above, below }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    resize?.observe(el);
    if (content.current) resize?.observe(content.current);
    return () => {
      el.removeEventListener('scroll', measure);
      resize?.disconnect();
    };
  }, []);
  return (
    <div
      class="body-wrap"
      data-more-above={edges.above ? '' : undefined}
      data-more-below={edges.below ? '' : undefined}
    >
      <div class="body" ref={scroller}>
        <div class="body-content" ref={content}>
          {children}
        </div>
      </div>
      <div class="fade fade-top" aria-hidden="true" />
      <div class="fade fade-bottom" aria-hidden="true" />
    </div>
  );
}
