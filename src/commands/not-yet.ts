import { OperationError } from '../shared/errors.js';
import type { Command } from './types.js';

/** An operation whose issue has not landed: the settings were checked, nothing else is done, and we say so. */
export function notYetImplemented(what: string): Command {
  return async () => {
    throw new OperationError(
      `${what} is not implemented in this version of gateway-ops: the settings were checked and are valid, but nothing was done.`,
    );
  };
}
