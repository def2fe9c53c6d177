import { OperationError } from '../shared/errors.js';
import type { Log } from '../shared/report/log.js';
import { formatDuration } from './host.js';

/** A restore that a guard (or a check) refused before anything changed. */
export class RestoreRefused extends OperationError {
  override readonly name = 'RestoreRefused';
}

/**
 * A check that fails before anything changed is a refusal: an OperationError from `body` (a red
 * cluster in the pre-flight, a lock held by another run) becomes a RestoreRefused with its hint.
 * Settings errors (exit 2) and bugs pass through as they are.
 */
export async function refusedOnFailure<T>(what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof RestoreRefused || !(error instanceof OperationError)) throw error;
    throw new RestoreRefused(`${what} refused: ${error.message}`, {
      hint: `${error.hint ? `${error.hint} ` : ''}Nothing was changed.`,
      cause: error,
    });
  }
}

/** Each step of a restore with its duration, for the job summary. */
export class Steps {
  readonly done: { name: string; ms: number; ok: boolean }[] = [];
  private readonly log: Log;
  constructor(log: Log) {
    this.log = log;
  }

  async run<T>(name: string, body: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const value = await this.log.group(name, body);
      this.done.push({ name, ms: Date.now() - started, ok: true });
      return value;
    } catch (error) {
      this.done.push({ name, ms: Date.now() - started, ok: false });
      throw error;
    }
  }

  lines(): string[] {
    return this.done.map((step) => `Step ${step.ok ? '✓' : '✗'} ${step.name}: ${formatDuration(step.ms)}`);
  }
}
