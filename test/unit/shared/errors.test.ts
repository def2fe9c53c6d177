import { describe, expect, it } from 'vitest';
import { ConfigurationError, classifyFailure, OperationError } from '../../../src/shared/errors.js';
import { MigrationCheckUsageError } from '../../../src/shared/migrations/index.js';
import { GitError } from '../../../src/shared/migrations/tree.js';
import { OpenSearchError } from '../../../src/shared/opensearch/errors.js';
import {
  AuthenticationError,
  HostKeyMismatchError,
  NotSshPortError,
  RemoteCommandError,
  RemoteConnectError,
  UnknownHostKeyError,
} from '../../../src/shared/remote/errors.js';

describe('one error taxonomy, one classifier', () => {
  it('user errors exit 2: settings, keys, host keys, wrong port, migration usage, git missing', () => {
    for (const error of [
      new ConfigurationError('x'),
      new AuthenticationError('refused'),
      new UnknownHostKeyError('unknown', 'SHA256:x'),
      new HostKeyMismatchError('changed', ['SHA256:a'], 'SHA256:b'),
      new NotSshPortError('not ssh'),
      new MigrationCheckUsageError('not a git repository'),
      new GitError('cannot run git', '', null),
    ]) {
      const c = classifyFailure(error, 'cli');
      expect([error.name, c.kind, c.exitCode]).toEqual([error.name, 'user', 2]);
      expect(c.stack).toBeUndefined();
    }
  });

  it('operation failures exit 1 with their message and hint', () => {
    for (const error of [
      new OperationError('dump cut short', { hint: 'run again' }),
      new RemoteConnectError('refused'),
      new RemoteCommandError({ command: 'c', host: 'h', failure: 'exit-status', exitCode: 3 }),
      new OpenSearchError('api', 'HTTP 500'),
      new GitError('git log failed', 'e', 128),
    ]) {
      const c = classifyFailure(error, 'action');
      expect([error.name, c.kind, c.exitCode]).toEqual([error.name, 'operation', 1]);
    }
    expect(classifyFailure(new OperationError('m', { hint: 'h' }), 'cli').hint).toBe('h');
  });

  it('anything else is a bug: exit 1, said to be one, with where to report it; the stack kept for debug only', () => {
    const c = classifyFailure(new TypeError("Cannot read properties of undefined (reading 'x')"), 'cli');
    expect(c.kind).toBe('bug');
    expect(c.exitCode).toBe(1);
    expect(c.message).toContain('This is a bug in gateway-ops');
    expect(c.message).toContain('issue tracker');
    expect(c.message).toContain('GATEWAY_OPS_DEBUG=1');
    expect(c.stack).toContain('TypeError');
    expect(classifyFailure('a string', 'action').message).toContain('ACTIONS_STEP_DEBUG');
  });
});
