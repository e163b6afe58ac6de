/**
 * A data table that scrolls sideways on a narrow screen. The scrolling box is
 * a named, focusable region so keyboard users can scroll it too (WCAG 2.1.1).
 * While columns are out of sight, a line above the table says so: on a phone
 * the cut-off edge alone looks like the end of the table. Whether they are is
 * measured before the browser paints (a layout effect): a line inserted after
 * the first paint would push the table down (layout shift).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../lib/i18n';

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const update = () => setHidden(element.scrollLeft + element.clientWidth < element.scrollWidth - 1);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', update);
    };
  }, []);
  return (
    <>
      {hidden && <p className="scroll-hint meta">{t('table.scrollHint')}</p>}
      <div className="table-wrap" role="region" aria-label={label} tabIndex={0} ref={box}>
        <table className="list">
          <caption className="visually-hidden">{label}</caption>
          {children}
        </table>
      </div>
    </>
  );
}
