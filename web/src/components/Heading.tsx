/**
 * The page's h1, which also names the browser tab. After a navigation inside
 * the app, focus moves to it so screen readers announce the new page.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { navigatedInApp } from '../lib/router';

export function Heading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = title ? `${title} · OpenPolicy` : 'OpenPolicy';
  }, [title]);
  useEffect(() => {
    if (navigatedInApp()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
