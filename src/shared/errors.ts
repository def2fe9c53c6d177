/**
 * A mistake the user must fix (a setting, a missing host key, an unreachable host):
 * kept apart from bugs so the message says what to change. Exit code 2 in the CLI
 * when raised before anything ran.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(
      list.length === 1 ? list[0]! : `${list.length} problems with the settings:\n- ${list.join('\n- ')}`,
    );
    this.problems = list;
  }
}

/** The operation ran and failed (a dump cut short, a checksum mismatch): exit code 1. */
export class OperationError extends Error {
  override readonly name: string = 'OperationError';
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
