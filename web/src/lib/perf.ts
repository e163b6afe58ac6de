/**
 * "Navigation to content visible": once per page load, the moment the page's
 * main content (a list, a bill, a division, a person) was first painted is
 * marked as `op:content-visible` for the Performance API (read by the e2e test).
 */
import { useEffect } from 'react';

let marked = false;

export function useContentVisible(ready: boolean): void {
  useEffect(() => {
    if (!ready || marked) return;
    marked = true;
    // The frame with the content is painted after this animation-frame callback; the timeout runs after that paint.
    requestAnimationFrame(() => setTimeout(() => performance.mark('op:content-visible'), 0));
  }, [ready]);
}
