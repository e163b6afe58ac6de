/**
 * The Prometheus files, checked by Prometheus's own promtool (Debian package
 * `prometheus`; CI installs it, elsewhere these tests are skipped without it):
 * the rules are valid, every alert has a unit test that fires it, and those
 * tests pass; the scrape configuration is valid.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));
const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

function promtool(...args: string[]): string {
  const result = spawnSync('promtool', args, { cwd: DIR, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`promtool ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

describe('every alert has a test that fires it', () => {
  it('pairs each rule with a test case expecting it to fire', () => {
    const rules = parse(readFileSync(join(DIR, 'rules.yml'), 'utf8')) as { groups: { rules: { alert: string }[] }[] };
    const tests = parse(readFileSync(join(DIR, 'rules.test.yml'), 'utf8')) as { tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[] };
    const fired = new Set(tests.tests.flatMap((t) => t.alert_rule_test ?? []).filter((c) => c.exp_alerts.length > 0).map((c) => c.alertname));
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts).toHaveLength(30);
    expect(alerts.filter((a) => !fired.has(a))).toEqual([]);
  });
});

describe.skipIf(!hasPromtool)('promtool', () => {
  it('checks the rules', () => {
    expect(promtool('check', 'rules', 'rules.yml')).toMatch(/SUCCESS: 30 rules found/);
  });

  it('passes the rules unit tests', () => {
    expect(promtool('test', 'rules', 'rules.test.yml')).toMatch(/SUCCESS/);
  });

  it('checks the scrape configuration (with a token file where it expects one)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-prometheus-'));
    try {
      const token = join(dir, 'token');
      writeFileSync(token, 'metrics-token-for-tests-0123456789');
      copyFileSync(join(DIR, 'rules.yml'), join(dir, 'rules.yml'));
      const config = readFileSync(join(DIR, 'prometheus.yml'), 'utf8');
      expect(config).toContain('/etc/prometheus/openpolicy-metrics-token');
      writeFileSync(join(dir, 'prometheus.yml'), config.replace('/etc/prometheus/openpolicy-metrics-token', token));
      expect(execFileSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' })).toMatch(/SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
