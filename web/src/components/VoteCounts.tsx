/** A division's outcome: the result as a badge, and the counts (yeas, nays, paired) as words and numbers. */
import { formatNumber } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import type { Count } from '../lib/shapes';

const RESULT: Record<string, MessageKey> = { pass: 'result.pass', fail: 'result.fail', tie: 'result.tie' };
const OPTION: Record<string, MessageKey> = { yes: 'option.yes', no: 'option.no', paired: 'option.paired', absent: 'option.absent', abstain: 'option.abstain' };

export function ResultBadge({ result }: { result: string }) {
  const t = useT();
  return <span className={`badge result-${result}`}>{t(RESULT[result] ?? 'result.other')}</span>;
}

export function VoteCounts({ vote, compact = false }: { vote: { result: string; counts: Count[] }; compact?: boolean }) {
  const t = useT();
  const lang = useLang();
  const counts = vote.counts.filter((c) => c.option !== 'absent' || c.value > 0);
  if (compact) {
    return (
      <span>
        <ResultBadge result={vote.result} /> {counts.map((c) => `${t(OPTION[c.option] ?? 'option.other')} ${formatNumber(c.value, lang)}`).join(' · ')}
      </span>
    );
  }
  return (
    <dl className="counts">
      {counts.map((c) => (
        <div key={c.option} className={`count count-${c.option}`}>
          <dt>{t(OPTION[c.option] ?? 'option.other')}</dt>
          <dd>{formatNumber(c.value, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}
