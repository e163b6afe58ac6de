// The live performance page: signs in (or takes an admin API key), then reads the
// Server-Sent Events of /admin/performance/stream with fetch(), because EventSource
// cannot send the Authorization or X-API-Key header. Charts are inline SVG polylines.
'use strict';

const POINTS = 120;
const samples = [];
let credentials = null;
const $ = (id) => document.getElementById(id);

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

async function signIn(form) {
  const data = new FormData(form);
  const apikey = String(data.get('apikey') || '').trim();
  if (apikey) return { 'x-api-key': apikey };
  const identifier = String(data.get('identifier') || '').trim();
  const body = { password: String(data.get('password') || '') };
  body[identifier.includes('@') ? 'email' : 'username'] = identifier;
  const res = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.detail || `login failed (${res.status})`);
  return { authorization: `Bearer ${answer.access_token}` };
}

/** Yields {event, data} from a text/event-stream body. */
async function* events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
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

async function watch() {
  for (;;) {
    try {
      const res = await fetch('/admin/performance/stream', { headers: credentials });
      if (res.status === 401 || res.status === 403) {
        const problem = await res.json().catch(() => ({}));
        credentials = null;
        $('dashboard').hidden = true;
        $('login').hidden = false;
        status(problem.detail || 'Not allowed: this page needs an administrator.', true);
        return;
      }
      if (!res.ok) throw new Error(`stream answered ${res.status}`);
      status('Live: one sample a second.');
      for await (const { event, data } of events(res.body)) {
        if (event === 'history') samples.splice(0, samples.length, ...data);
        else if (event === 'sample') samples.push(data);
        if (samples.length > POINTS) samples.splice(0, samples.length - POINTS);
        render();
      }
      status('The stream ended; reconnecting…', true);
    } catch (e) {
      status(`Disconnected (${e.message}); reconnecting…`, true);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

/** Draws each series as a polyline scaled to the largest value shown (or `max`). */
function chart(id, series, max) {
  const svg = $(id);
  const width = 300;
  const height = 70;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.replaceChildren();
  const top = max ?? Math.max(1e-9, ...series.flatMap((s) => s.values.filter((v) => v !== null)));
  for (const s of series) {
    const points = s.values
      .map((v, i) => (v === null ? null : `${((i + POINTS - s.values.length) / (POINTS - 1)) * width},${height - 2 - (v / top) * (height - 4)}`))
      .filter(Boolean)
      .join(' ');
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points);
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', s.color);
    line.setAttribute('stroke-width', '1.5');
    line.setAttribute('vector-effect', 'non-scaling-stroke');
    svg.append(line);
  }
}

const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(v < 0.01 && v > 0 ? 2 : 1)} %`);
const num = (v, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));
const bytes = (v) => (v >= 1024 ** 3 ? `${(v / 1024 ** 3).toFixed(1)} GB` : `${(v / 1024 ** 2).toFixed(1)} MB`);

function age(hours) {
  if (hours === null) return 'never';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

function render() {
  const last = samples.at(-1);
  if (!last) return;
  const pick = (f) => samples.map(f);
  $('rps').textContent = num(last.requests_per_second, 0);
  chart('chart-rps', [{ values: pick((s) => s.requests_per_second), color: '#2f6fb0' }]);
  $('latency').textContent = `${num(last.p50_ms, 2)} / ${num(last.p95_ms, 2)} / ${num(last.p99_ms, 2)}`;
  chart('chart-latency', [
    { values: pick((s) => s.p50_ms), color: '#2f6fb0' },
    { values: pick((s) => s.p95_ms), color: '#d08a16' },
    { values: pick((s) => s.p99_ms), color: '#b3261e' },
  ]);
  $('errors').textContent = `${pct(last.error_ratio)} (4xx ${pct(last.client_error_ratio)})`;
  chart('chart-errors', [{ values: pick((s) => s.error_ratio), color: '#b3261e' }, { values: pick((s) => s.client_error_ratio), color: '#d08a16' }], 1);
  $('pool').textContent = `${last.pool.in_use} / ${last.pool.max}${last.pool.waiting ? ` · ${last.pool.waiting} waiting` : ''}`;
  chart('chart-pool', [{ values: pick((s) => s.pool.in_use), color: '#2f6fb0' }, { values: pick((s) => s.pool.waiting), color: '#b3261e' }], Math.max(last.pool.max, ...pick((s) => s.pool.waiting)));
  $('cache').textContent = pct(last.cache_hit_ratio);
  chart('chart-cache', [{ values: pick((s) => s.cache_hit_ratio), color: '#2e7d4f' }], 1);
  $('loop').textContent = `${num(last.event_loop_p99_ms, 1)} · ${last.in_flight}`;
  chart('chart-loop', [{ values: pick((s) => s.event_loop_p99_ms), color: '#6b4fb0' }]);
  const db = last.database;
  $('db-connections').textContent = db ? `${db.connections} / ${db.max_connections}` : '–';
  chart('chart-db-connections', [{ values: pick((s) => s.database?.connections ?? null), color: '#2f6fb0' }], db?.max_connections);
  $('db-cache').textContent = db ? `${pct(db.cache_hit_ratio)} · ${bytes(db.size_bytes)}` : '–';
  chart('chart-db-cache', [{ values: pick((s) => s.database?.cache_hit_ratio ?? null), color: '#2e7d4f' }], 1);
  const redis = last.redis;
  $('redis-memory').textContent = redis ? `${bytes(redis.used_bytes)} / ${redis.max_bytes ? bytes(redis.max_bytes) : 'no limit'}` : 'no Redis (in process)';
  chart('chart-redis-memory', [{ values: pick((s) => s.redis?.used_bytes ?? null), color: '#b3261e' }], redis?.max_bytes || undefined);
  $('disk').textContent = last.disk ? `${pct(last.disk.free_ratio)} · ${bytes(last.disk.free_bytes)} of ${bytes(last.disk.total_bytes)}` : '–';
  chart('chart-disk', [{ values: pick((s) => s.disk?.free_ratio ?? null), color: '#6b4fb0' }], 1);
  const rows = (last.freshness || []).map((f) => {
    const tr = document.createElement('tr');
    for (const text of [f.source, f.last_success_at || 'never', age(f.age_hours)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    if (f.stale) tr.lastChild.className = 'stale';
    return tr;
  });
  $('freshness').replaceChildren(...rows);
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    credentials = await signIn(event.target);
    event.target.reset();
    $('login').hidden = true;
    $('dashboard').hidden = false;
    status('Connecting…');
    void watch();
  } catch (e) {
    status(e.message, true);
  }
});
