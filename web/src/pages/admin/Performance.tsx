/**
 * The live performance of the instance serving this page: one sample a second
 * from /admin/performance/stream (Server-Sent Events, admin only), charted as
 * the last two minutes. A page of the site, so it has the site's session: the
 * stream is read with fetch() and the signed-in admin's token (EventSource
 * cannot send one), renewed like any other call.
 */
import { useEffect, useState } from 'react';
import { Heading } from '../../components/Heading';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { ApiError, openStream } from '../../lib/api';
import { formatDateTime, formatNumber, formatPercent } from '../../lib/format';
import { useLang, useT, type Translate } from '../../lib/i18n';
import type { Lang } from '../../lib/router';
import type { PerformanceSample as Sample } from '../../../../src/ops/performance-sample';


const POINTS = 120;
const RECONNECT_MS = 2000;

type Connection = { state: 'connecting' | 'live' | 'reconnecting' } | { state: 'refused' | 'unavailable'; detail: string };

/** Yields {event, data} from a text/event-stream body. */
async function* events(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: unknown }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) yield { event, data: JSON.parse(data) };
    }
  }
}

/** The last two minutes of samples, while the page is open; reconnects after a drop, stops on a refusal. */
function useSamples(): { samples: Sample[]; connection: Connection } {
  const [samples, setSamples] = useState<Sample[]>([]);
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  useEffect(() => {
    const abort = new AbortController();
    const keep = (list: Sample[]) => list.slice(-POINTS);
    (async () => {
      while (!abort.signal.aborted) {
        try {
          const res = await openStream('/admin/performance/stream', abort.signal);
          // Behind the gateway this address is the site's shell: the stream is each instance's own.
          if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
            setConnection({ state: 'unavailable', detail: '' });
            return;
          }
          setConnection({ state: 'live' });
          for await (const { event, data } of events(res.body!)) {
            if (event === 'history') setSamples(keep(data as Sample[]));
            else if (event === 'sample') setSamples((list) => keep([...list, data as Sample]));
          }
        } catch (e) {
          if (abort.signal.aborted) return;
          if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
            setConnection({ state: 'refused', detail: e.message });
            return;
          }
        }
        setConnection({ state: 'reconnecting' });
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    })();
    return () => abort.abort();
  }, []);
  return { samples, connection };
}

interface Series {
  values: (number | null)[];
  className: string;
}

/** Each series as a polyline, scaled to the largest value shown (or `max`); decorative beside the figure it charts. */
function Chart({ series, max }: { series: Series[]; max?: number }) {
  const width = 300;
  const height = 70;
  const top = max ?? Math.max(1e-9, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
      {series.map((s) => (
        <polyline
          key={s.className}
          className={s.className}
          points={s.values
            .map((v, i) => (v === null ? null : `${((i + POINTS - s.values.length) / (POINTS - 1)) * width},${height - 2 - (v / top) * (height - 4)}`))
            .filter(Boolean)
            .join(' ')}
        />
      ))}
    </svg>
  );
}

const bytes = (v: number, lang: Lang) => (v >= 1024 ** 3 ? `${formatNumber(+(v / 1024 ** 3).toFixed(1), lang)} GB` : `${formatNumber(+(v / 1024 ** 2).toFixed(1), lang)} MB`);
const ms = (v: number | null, lang: Lang, digits = 2) => (v === null ? '–' : formatNumber(+v.toFixed(digits), lang));

function age(hours: number | null, t: Translate, lang: Lang): string {
  if (hours === null) return t('perf.never');
  if (hours < 1) return `${formatNumber(Math.round(hours * 60), lang)} min`;
  if (hours < 48) return `${formatNumber(+hours.toFixed(1), lang)} h`;
  return `${formatNumber(+(hours / 24).toFixed(1), lang)} d`;
}

function Dashboard({ samples }: { samples: Sample[] }) {
  const t = useT();
  const lang = useLang();
  const last = samples.at(-1)!;
  const pick = (f: (s: Sample) => number | null) => samples.map(f);
  const { database: db, redis, disk } = last;
  const panels: { title: string; value: string; series: Series[]; max?: number }[] = [
    { title: t('perf.rps'), value: formatNumber(Math.round(last.requests_per_second), lang), series: [{ values: pick((s) => s.requests_per_second), className: 'line-a' }] },
    {
      title: t('perf.latency'), value: `${ms(last.p50_ms, lang)} / ${ms(last.p95_ms, lang)} / ${ms(last.p99_ms, lang)}`,
      series: [{ values: pick((s) => s.p50_ms), className: 'line-a' }, { values: pick((s) => s.p95_ms), className: 'line-b' }, { values: pick((s) => s.p99_ms), className: 'line-c' }],
    },
    {
      title: t('perf.errors'), value: `${formatPercent(last.error_ratio, lang)} (4xx ${formatPercent(last.client_error_ratio, lang)})`, max: 1,
      series: [{ values: pick((s) => s.error_ratio), className: 'line-c' }, { values: pick((s) => s.client_error_ratio), className: 'line-b' }],
    },
    {
      title: t('perf.pool'), value: `${last.pool.in_use} / ${last.pool.max}${last.pool.waiting ? ` · ${t('perf.waiting', { count: last.pool.waiting })}` : ''}`,
      max: Math.max(last.pool.max, ...pick((s) => s.pool.waiting).map(Number)),
      series: [{ values: pick((s) => s.pool.in_use), className: 'line-a' }, { values: pick((s) => s.pool.waiting), className: 'line-c' }],
    },
    { title: t('perf.cache'), value: formatPercent(last.cache_hit_ratio, lang), max: 1, series: [{ values: pick((s) => s.cache_hit_ratio), className: 'line-d' }] },
    { title: t('perf.loop'), value: `${ms(last.event_loop_p99_ms, lang, 1)} · ${last.in_flight}`, series: [{ values: pick((s) => s.event_loop_p99_ms), className: 'line-e' }] },
    {
      title: t('perf.dbConnections'), value: db ? `${db.connections} / ${db.max_connections}` : '–', ...(db ? { max: db.max_connections } : {}),
      series: [{ values: pick((s) => s.database?.connections ?? null), className: 'line-a' }],
    },
    {
      title: t('perf.dbCache'), value: db ? `${formatPercent(db.cache_hit_ratio, lang)} · ${bytes(db.size_bytes, lang)}` : '–', max: 1,
      series: [{ values: pick((s) => s.database?.cache_hit_ratio ?? null), className: 'line-d' }],
    },
    {
      title: t('perf.redis'), value: redis ? `${bytes(redis.used_bytes, lang)} / ${redis.max_bytes ? bytes(redis.max_bytes, lang) : t('perf.noLimit')}` : t('perf.noRedis'),
      ...(redis?.max_bytes ? { max: redis.max_bytes } : {}), series: [{ values: pick((s) => s.redis?.used_bytes ?? null), className: 'line-c' }],
    },
    {
      title: t('perf.disk'), value: disk ? `${formatPercent(disk.free_ratio, lang)} · ${bytes(disk.free_bytes, lang)} / ${bytes(disk.total_bytes, lang)}` : '–', max: 1,
      series: [{ values: pick((s) => s.disk?.free_ratio ?? null), className: 'line-e' }],
    },
  ];
  return (
    <>
      <ul className="perf-panels">
        {panels.map((p) => (
          <li key={p.title}>
            <h2>{p.title}</h2>
            <p className="perf-value">{p.value}</p>
            <Chart series={p.series} {...(p.max === undefined ? {} : { max: p.max })} />
          </li>
        ))}
      </ul>
      <h2>{t('perf.freshness')}</h2>
      <ScrollTable label={t('perf.freshness')}>
        <table className="list">
          <thead><tr><th scope="col">{t('perf.source')}</th><th scope="col">{t('perf.lastSuccess')}</th><th scope="col">{t('perf.age')}</th></tr></thead>
          <tbody>
            {(last.freshness ?? []).map((f) => (
              <tr key={f.source}>
                <td>{f.source}</td>
                <td>{f.last_success_at ? formatDateTime(f.last_success_at, lang) : t('perf.never')}</td>
                <td className={f.stale ? 'stale' : undefined}>{age(f.age_hours, t, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

function Live() {
  const t = useT();
  const { samples, connection } = useSamples();
  const note = {
    connecting: t('perf.connecting'),
    live: t('perf.live'),
    reconnecting: t('perf.reconnecting'),
    refused: connection.state === 'refused' ? connection.detail : '',
    unavailable: t('perf.unavailable'),
  }[connection.state];
  const failed = connection.state === 'refused' || connection.state === 'unavailable' || connection.state === 'reconnecting';
  return (
    <>
      <p className={failed ? 'notice error' : 'meta'} role="status">{note}</p>
      {samples.length > 0 && <Dashboard samples={samples} />}
    </>
  );
}

export default function Performance() {
  const t = useT();
  return (
    <RequireRole roles={['admin']}>
      <Heading title={t('admin.performance')} />
      <p>{t('admin.performanceHelp')}</p>
      <Live />
    </RequireRole>
  );
}
