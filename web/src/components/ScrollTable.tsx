/**
 * A data table that scrolls sideways on a narrow screen. The scrolling box is
 * a named, focusable region so keyboard users can scroll it too (WCAG 2.1.1).
 */
import type { ReactNode } from 'react';

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="list">
        <caption className="visually-hidden">{label}</caption>
        {children}
      </table>
    </div>
  );
}
