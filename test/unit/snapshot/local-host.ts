import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { SCRIPT_PRELUDE, shellJoin } from '../../../src/shared/remote/script.js';
import type { ExecOptions, ExecResult, RemoteHost, Tunnel } from '../../../src/shared/remote/types.js';

/**
 * A RemoteHost that runs scripts with the local bash, with the contract's rules (non-zero exit
 * rejects, stdin closed when given input ends), so the host-side scripts are tested for real
 * before the SSH bench exists.
 */
export class LocalHost implements RemoteHost {
  readonly description = 'local@localhost:0';
  readonly hostKeyFingerprint = 'SHA256:local';
  readonly calls: string[] = [];
  private readonly env: NodeJS.ProcessEnv;
  /** Run the scripts as this user (root only): for what root's rights would hide. */
  private readonly asUser: { uid: number; gid: number } | undefined;
  constructor(env: NodeJS.ProcessEnv = process.env, asUser?: { uid: number; gid: number }) {
    this.env = env;
    this.asUser = asUser;
  }

  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.calls.push(script);
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', `${SCRIPT_PRELUDE}${script}`], {
        env: this.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        ...(this.asUser ? { uid: this.asUser.uid, gid: this.asUser.gid } : {}),
      });
      let stdout = '';
      let stderr = '';
      if (options.stdout) child.stdout.pipe(options.stdout, { end: false });
      else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        stderr = (stderr + text).slice(-4000);
        options.onStderr?.(text);
      });
      child.stdin.on('error', () => {});
      const input = options.stdin;
      if (input === undefined) child.stdin.end();
      else if (typeof input === 'string' || Buffer.isBuffer(input)) child.stdin.end(input);
      else (input as Readable).pipe(child.stdin);
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve({ exitCode: 0, stdout, stderrTail: stderr });
        else
          reject(
            new Error(`command failed with exit ${code}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`),
          );
      });
    });
  }

  run(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    return this.exec(shellJoin(argv), options);
  }

  forward(): Promise<Tunnel> {
    return Promise.reject(new Error('LocalHost has no tunnels'));
  }

  async close(): Promise<void> {}
}

export function silentLog() {
  const lines: string[] = [];
  return {
    lines,
    info: (message: string) => lines.push(`info: ${message}`),
    warn: (message: string) => lines.push(`warn: ${message}`),
    error: (message: string) => lines.push(`error: ${message}`),
    debug: () => {},
    setSecret: () => {},
    group: <T>(_title: string, body: () => Promise<T>) => body(),
  };
}

export { Readable };
