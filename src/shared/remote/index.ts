/** The remote room: SSH sessions to a host, shell quoting, tunnels, and the container seam. */
export {
  assertContainerName,
  type CommandInOptions,
  commandIn,
  describeTarget,
  readContainerEnv,
} from './container.js';
export {
  AuthenticationError,
  HostKeyMismatchError,
  RemoteCommandError,
  type RemoteCommandErrorDetails,
  type RemoteCommandFailure,
  RemoteConnectError,
  RemoteError,
  UnknownHostKeyError,
} from './errors.js';
export {
  fingerprintOf,
  type KnownHostEntry,
  keyTypeOf,
  knownHostsName,
  normalizeFingerprint,
  parseKnownHosts,
} from './known-hosts.js';
export {
  missingToolsScript,
  removeTreeScript,
  SCRIPT_PRELUDE,
  SESSION_GUARD,
  SHA256_HASHER,
  shellJoin,
  shellQuote,
  toolVersionsScript,
} from './script.js';
export {
  connectRemoteHost,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_KEEPALIVE_COUNT_MAX,
  DEFAULT_KEEPALIVE_INTERVAL_MS,
  type RemoteHostOptions,
  type RemoteLogger,
  SshRemoteHost,
} from './ssh.js';
export type { ExecOptions, ExecResult, ExecTarget, RemoteHost, Tunnel } from './types.js';
