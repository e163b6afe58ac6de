/** `openpolicy user create`: makes an account from the command line, the way the first admin comes to be. */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client.js';
import { HttpProblem } from '../errors/problem.js';
import { audit } from './audit.js';
import type { Role } from './permissions.js';
import { createUser, presentUser } from './users.js';

export interface CliUser {
  email: string;
  role: Role;
  username?: string | undefined;
  name?: string | undefined;
  /** Absent: one is generated and returned, to be shown once. */
  password?: string | undefined;
}

export async function createUserFromCli(database: Database, input: CliUser): Promise<{ user: ReturnType<typeof presentUser>; generatedPassword: string | null }> {
  const generatedPassword = input.password === undefined ? randomBytes(18).toString('base64url') : null;
  try {
    const row = await createUser(database.db, { ...input, password: input.password ?? generatedPassword! });
    await audit(database.db, null, { action: 'user.create', outcome: 'success', userId: row.id, actor: 'cli', targetType: 'user', targetId: row.id, details: { role: row.role } });
    return { user: presentUser(row), generatedPassword };
  } catch (e) {
    // The same checks as the API, told as a command-line error.
    if (e instanceof HttpProblem) throw new Error(e.problem.detail);
    throw e;
  }
}

/** The password given on standard input, without the newline that `echo` or a terminal adds. */
export async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
