/**
 * A throw-away PostgreSQL 15 primary and a streaming standby made from it with
 * pg_basebackup, on free loopback ports in a temporary folder. initdb and the
 * server refuse to run as root, so every command runs as the postgres OS user.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support.js';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PgServer {
  port: number;
  dataDir: string;
  url: string;
  stop(mode?: 'fast' | 'immediate'): void;
}

function asPostgres(command: string, args: string[]): string {
  const binary = join(PG_BIN, command);
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function postgresIds(): { uid: number; gid: number } {
  return { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
}

export class PgCluster {
  readonly base = mkdtempSync(join(tmpdir(), 'op-pg-'));
  private readonly servers: PgServer[] = [];

  constructor() {
    if (process.getuid?.() === 0) {
      const { uid, gid } = postgresIds();
      chownSync(this.base, uid, gid);
    }
  }

  private start(name: string, port: number, settings: string[], durable = false): PgServer {
    const dataDir = join(this.base, name);
    const options = ['-p', String(port), '-k', this.base, '-c', 'listen_addresses=127.0.0.1', ...(durable ? [] : ['-c', 'fsync=off']), ...settings].join(' ');
    asPostgres('pg_ctl', ['-D', dataDir, '-l', join(this.base, `${name}.log`), '-o', options, '-w', '-t', '60', 'start']);
    const server: PgServer = {
      port,
      dataDir,
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: (mode = 'fast') => {
        try {
          asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
        } catch {
          // already stopped
        }
      },
    };
    this.servers.push(server);
    return server;
  }

  /**
   * `include`: a configuration file read after initdb's own (deploy/postgresql/conf.d);
   * `durable`: keep fsync on, for measurements where writing to disk is the point.
   */
  async primary(options: { name?: string; include?: string; durable?: boolean } = {}): Promise<PgServer> {
    const name = options.name ?? 'primary';
    asPostgres('initdb', ['-D', join(this.base, name), '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale', '--no-sync']);
    if (options.include) appendFileSync(join(this.base, name, 'postgresql.conf'), `\ninclude '${options.include}'\n`);
    // Replication over loopback is allowed by initdb's default pg_hba.conf with --auth=trust.
    return this.start(name, await freePort(), options.include ? [] : ['-c', 'wal_level=replica', '-c', 'max_wal_senders=4'], options.durable);
  }

  async standby(primary: PgServer): Promise<PgServer> {
    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
    asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', join(this.base, 'standby'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    return this.start('standby', await freePort(), ['-c', 'hot_standby=on']);
  }

  /** Stops every server and deletes their files. */
  destroy(): void {
    for (const server of this.servers.reverse()) server.stop('immediate');
    rmSync(this.base, { recursive: true, force: true });
  }
}
