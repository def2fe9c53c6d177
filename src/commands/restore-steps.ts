import { OperationError } from '../shared/errors.js';
import type { Log } from '../shared/report/log.js';
import { formatDuration } from './host.js';

/** A restore that a guard (or a check) refused before anything changed. */
export class RestoreRefused extends OperationError {
  override readonly name = 'RestoreRefused';
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
