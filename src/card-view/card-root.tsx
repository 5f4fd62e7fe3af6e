import { useErrorBoundary } from 'preact/hooks';
import { Card, type CardProps } from './card.tsx';

/** The card behind an error boundary: a rendering fault shows the error state, never a broken page. */
export function CardRoot(props: CardProps) {
  const [error] = useErrorBoundary((e: unknown) => console.debug('[Context Cards] card failed', e));
  if (error) return <Card {...props} state={{ kind: 'error', reason: 'unreadable' }} />;
  return <Card {...props} />;
}
