/**
 * The one error taxonomy. Every failure is one of three kinds, and the front ends (CLI and action
 * runner) report each the same way through `classifyFailure`:
 * - `user`: the user must change something (a setting, a key, the host's setup). Exit 2 in the CLI,
 *   and the message says what to change.
 * - `operation`: the operation ran and failed (a dump cut short, a checksum mismatch). Exit 1, the
 *   message says what happened and what is left.
 * - `bug`: anything else (an error no code of ours raised on purpose). Exit 1, said to be a bug,
 *   the stack only with debug logging.
 */
export type FailureKind = 'user' | 'operation' | 'bug';

/** Base of every error raised on purpose; its `kind` decides how it is reported. */
export abstract class GatewayOpsError extends Error {
  abstract readonly kind: Exclude<FailureKind, 'bug'>;
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
}

/**
 * A mistake the user must fix (a setting, a missing host key, a key that is not a key):
 * kept apart from bugs so the message says what to change. Exit code 2 in the CLI.
 */
export class ConfigurationError extends GatewayOpsError {
  override readonly name: string = 'ConfigurationError';
  readonly kind = 'user' as const;
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[], options: { hint?: string; cause?: unknown } = {}) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(
      list.length === 1 ? list[0]! : `${list.length} problems with the settings:\n- ${list.join('\n- ')}`,
      options,
    );
    this.problems = list;
  }
}

/** The operation ran and failed (a dump cut short, a checksum mismatch): exit code 1. */
export class OperationError extends GatewayOpsError {
  override readonly name: string = 'OperationError';
  readonly kind = 'operation' as const;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** How a front end reports one failure. */
export interface ClassifiedFailure {
  readonly kind: FailureKind;
  /** 2 for a user error, 1 otherwise. */
  readonly exitCode: number;
  /** The message to show (for a bug: says it is one, and where to report it). */
  readonly message: string;
  readonly hint: string | undefined;
  /** Only for bugs; shown with debug logging only. */
  readonly stack: string | undefined;
}

/** Where a bug is reported, and how to get the stack, for the surface the user is on. */
export function bugReportAdvice(surface: 'action' | 'cli'): string {
  const debug =
    surface === 'cli'
      ? 'run again with GATEWAY_OPS_DEBUG=1 for the stack'
      : 're-run the job with debug logging (ACTIONS_STEP_DEBUG) for the stack';
  return `This is a bug in gateway-ops, not a problem with your settings or host: please report it in the gateway-ops issue tracker with this message (${debug}).`;
}

/** The one classifier both front ends use. */
export function classifyFailure(error: unknown, surface: 'action' | 'cli'): ClassifiedFailure {
  if (error instanceof GatewayOpsError) {
    return {
      kind: error.kind,
      exitCode: error.kind === 'user' ? EXIT.usage : EXIT.failed,
      message: error.message,
      hint: error.hint,
      stack: undefined,
    };
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    kind: 'bug',
    exitCode: EXIT.failed,
    message: `unexpected error: ${text}. ${bugReportAdvice(surface)}`,
    hint: undefined,
    stack: error instanceof Error ? error.stack : undefined,
  };
}
