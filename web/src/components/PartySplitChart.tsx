/**
 * How each party voted in a division: one bar per party, on one scale so
 * parties compare by size, split into yes / no / paired / other. Drawn as
 * inline SVG; the counts are also written beside each bar, so nothing is told
 * by colour alone.
 */
import { formatNumber } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import type { PartySplit } from '../lib/shapes';

const OPTIONS = ['yes', 'no', 'paired', 'abstain', 'absent'] as const;
const LABEL: Record<(typeof OPTIONS)[number], MessageKey> = {
  yes: 'option.yes', no: 'option.no', paired: 'option.paired', abstain: 'option.abstain', absent: 'option.absent',
};

export function PartySplitChart({ parties }: { parties: PartySplit[] }) {
  const t = useT();
  const lang = useLang();
  const total = (p: PartySplit) => p.counts.reduce((sum, c) => sum + c.value, 0);
  const scale = Math.max(1, ...parties.map(total));
  const present = OPTIONS.filter((o) => parties.some((p) => p.counts.some((c) => c.option === o && c.value > 0)));
  return (
    <figure className="party-chart" aria-labelledby="party-chart-caption">
      <figcaption id="party-chart-caption">{t('vote.chartCaption')}</figcaption>
      <ul className="legend" aria-label={t('vote.legend')}>
        {present.map((o) => (
          <li key={o}><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" className={`fill-${o}`} /></svg>{t(LABEL[o])}</li>
        ))}
      </ul>
      <ul className="party-rows">
        {parties.map((p) => {
          let x = 0;
          return (
            <li key={p.party?.en ?? '—'} className="party-row">
              <span className="party-name">{pickText(p.party, lang) || t('vote.noParty')}</span>
              <svg className="party-bar" viewBox={`0 0 ${scale} 10`} preserveAspectRatio="none" aria-hidden="true">
                {OPTIONS.map((o) => {
                  const value = p.counts.find((c) => c.option === o)?.value ?? 0;
                  const rect = value > 0 ? <rect key={o} x={x} y={0} width={value} height={10} className={`fill-${o}`} /> : null;
                  x += value;
                  return rect;
                })}
              </svg>
              <span className="party-counts">
                {p.counts.filter((c) => c.value > 0).map((c) => `${t(LABEL[c.option as keyof typeof LABEL] ?? 'option.other')} ${formatNumber(c.value, lang)}`).join(' · ')}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
