/**
 * A federal bill's passage drawn as a timeline: the stages of its first
 * chamber, then of the other, then royal assent, each marked done (with its
 * date), current, or not reached; read from the OCD action classes.
 */
import { formatDate } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import type { BillAction } from '../lib/shapes';

interface Step {
  chamber: 'lower' | 'upper' | 'executive';
  key: MessageKey;
  classes: string[];
}

const STAGES: { key: MessageKey; classes: string[]; chambers: ('lower' | 'upper')[] }[] = [
  { key: 'stage.reading1', classes: ['reading-1'], chambers: ['lower', 'upper'] },
  { key: 'stage.reading2', classes: ['reading-2'], chambers: ['lower', 'upper'] },
  { key: 'stage.committee', classes: ['committee-passage'], chambers: ['lower', 'upper'] },
  { key: 'stage.report', classes: ['report-stage'], chambers: ['lower'] },
  { key: 'stage.reading3', classes: ['reading-3', 'passage'], chambers: ['lower', 'upper'] },
];

function steps(origin: 'lower' | 'upper'): Step[] {
  const order: ('lower' | 'upper')[] = origin === 'lower' ? ['lower', 'upper'] : ['upper', 'lower'];
  const chamberSteps = order.flatMap((chamber) => STAGES.filter((s) => s.chambers.includes(chamber)).map((s) => ({ chamber, key: s.key, classes: s.classes })));
  return [...chamberSteps, { chamber: 'executive', key: 'stage.royalAssent', classes: ['royal-assent', 'became-law'] }];
}

/** The date a step was reached: its first action of those classes in that chamber. */
function reached(step: Step, actions: BillAction[]): string | null | undefined {
  const action = actions.find((a) => a.classification.some((c) => step.classes.includes(c)) && (step.chamber === 'executive' || a.chamber === step.chamber));
  return action ? action.date : undefined;
}

const CHAMBER: Record<Step['chamber'], MessageKey> = { lower: 'chamber.lower', upper: 'chamber.upper', executive: 'chamber.executive' };

export function StageTimeline({ actions, identifier }: { actions: BillAction[]; identifier: string }) {
  const t = useT();
  const lang = useLang();
  const origin = actions[0]?.chamber === 'upper' || identifier.startsWith('S-') ? 'upper' : 'lower';
  const marked = steps(origin).map((step) => ({ step, date: reached(step, actions) }));
  const lastDone = marked.reduce((last, m, i) => (m.date !== undefined ? i : last), -1);
  const finished = marked[marked.length - 1]?.date !== undefined;
  return (
    <ol className="stages">
      {marked.map(({ step, date }, i) => {
        const state = date !== undefined || i < lastDone ? 'done' : !finished && i === lastDone + 1 ? 'current' : 'todo';
        return (
          <li key={`${step.chamber}-${step.key}`} className={`stage ${state} ${step.chamber}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="stage-chamber">{t(CHAMBER[step.chamber])}</span>
            <span className="stage-name">{t(step.key)}</span>
            <span className="stage-date">{date ? formatDate(date, lang) : t(`stageState.${state}`)}</span>
          </li>
        );
      })}
    </ol>
  );
}
