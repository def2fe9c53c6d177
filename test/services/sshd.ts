/**
 * OpenSSH `sshd` as the "production host": own config, own ed25519 host key, public-key login only
 * for the bench user, `PATH` in sessions starting with the docker double's directory. Runs in the
 * foreground (`-D -e`) as a managed child; as root it runs as root and the bench user logs in.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { descendantsOf, type ManagedProcess, spawnManaged, waitFor } from './processes.js';
import { type BenchUser, chownTo, freePort, isRoot, makeDir, mustRun } from './system.js';

export const SSHD_PATH = process.env['GWOPS_SSHD'] ?? '/usr/sbin/sshd';

export interface SshKeyPair {
  /** OpenSSH private key text (`-----BEGIN OPENSSH PRIVATE KEY-----`). */
  privateKey: string;
  /** `ssh-ed25519 AAAA... comment` */
  publicKey: string;
  privateKeyPath: string;
  /** `SHA256:...` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export interface SshdInfo {
  host: '127.0.0.1';
  port: number;
  /** The user that logs in (the bench user). */
  username: string;
  /** Host public key line, `ssh-ed25519 AAAA...` (no comment). */
  hostPublicKey: string;
  /** `SHA256:...` of the host key, as `ssh-keygen -lf` prints it. */
  hostFingerprint: string;
  /** `[127.0.0.1]:PORT ssh-ed25519 AAAA...` */
  knownHostsLine: string;
  /** The same entry, hashed (`|1|salt|hash ssh-ed25519 ...`) as `ssh-keygen -H` writes it. */
  knownHostsHashedLine: string;
  /** Authorized client key (no passphrase). */
  clientKey: SshKeyPair;
  /** Authorized client key protected by `clientKeyPassphrase`. */
  clientKeyWithPassphrase: SshKeyPair;
  clientKeyPassphrase: string;
  /** A valid key that is NOT authorized. */
  unauthorizedKey: SshKeyPair;
  /** Another host key (never served): for wrong-host-key tests. */
  otherHostPublicKey: string;
  otherHostFingerprint: string;
  configPath: string;
  /** The PATH sessions get (docker double first). */
  sessionPath: string;
}

export interface SshdBench extends SshdInfo {
  process: ManagedProcess;
  /** pids of the per-connection sshd processes (children of the listener). Killing one cuts that connection. */
  connectionPids(): number[];
  stop(): Promise<void>;
}

export interface StartSshdOptions {
  dir: string;
  user: BenchUser;
  /** Directories put first on the session PATH (the docker double's bin dir). */
  pathPrefix: readonly string[];
  port?: number;
}

async function keygen(path: string, comment: string, passphrase = ''): Promise<SshKeyPair> {
  await mustRun('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', path]);
  const publicKey = readFileSync(`${path}.pub`, 'utf8').trim();
  const fingerprint = (await mustRun('ssh-keygen', ['-lf', `${path}.pub`])).split(' ')[1] ?? '';
  return { privateKey: readFileSync(path, 'utf8'), publicKey, privateKeyPath: path, fingerprint };
}

function bannerArrives(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (data) => done(data.toString('latin1').startsWith('SSH-')));
  });
}

export async function startSshd(options: StartSshdOptions): Promise<SshdBench> {
  const { dir, user } = options;
  if (!existsSync(SSHD_PATH)) {
    throw new Error(
      `bench: ${SSHD_PATH} not found (install the Debian package openssh-server, or set GWOPS_SSHD)`,
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  const hostKey = await keygen(hostKeyPath, 'gwops-bench-host');
  const otherHost = await keygen(join(dir, 'other_host_ed25519_key'), 'gwops-bench-other-host');
  const keysDir = makeDir(join(dir, 'client-keys'), user, 0o755);
  const clientKey = await keygen(join(keysDir, 'id_ed25519'), 'gwops-bench-client');
  const clientKeyPassphrase = 'bench passphrase $&;|';
  const clientKeyWithPassphrase = await keygen(
    join(keysDir, 'id_ed25519_passphrase'),
    'gwops-bench-client-passphrase',
    clientKeyPassphrase,
  );
  const unauthorizedKey = await keygen(join(keysDir, 'id_ed25519_unauthorized'), 'gwops-bench-unauthorized');
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, `${clientKey.publicKey}\n${clientKeyWithPassphrase.publicKey}\n`, {
    mode: 0o644,
  });
  chownTo(authorizedKeys, user);

  if (isRoot() && !existsSync('/run/sshd')) {
    // sshd's privilege separation directory (normally created by the service unit).
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  }
  const port = options.port ?? (await freePort());
  const sessionPath = [...options.pathPrefix, '/usr/local/bin', '/usr/bin', '/bin'].join(':');
  const configPath = join(dir, 'sshd_config');
  writeFileSync(
    configPath,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The key files live in a temp dir under /tmp (world-writable): skip the ownership walk.
      'StrictModes no',
      'PermitRootLogin no',
      `AllowUsers ${user.name}`,
      'AllowTcpForwarding yes',
      'PermitUserEnvironment no',
      `SetEnv PATH=${sessionPath}`,
      'Subsystem sftp internal-sftp',
      'MaxStartups 100:30:200',
      // OpenSSH's default, as on a production host: at most 10 channels (exec, tunnel) per connection.
      'MaxSessions 10',
      'LogLevel VERBOSE',
      'PrintMotd no',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  await mustRun(SSHD_PATH, ['-t', '-f', configPath]);
  const proc = spawnManaged('sshd', SSHD_PATH, ['-D', '-e', '-f', configPath], { cwd: dir });
  await waitFor(`sshd to listen on 127.0.0.1:${port}`, () => bannerArrives(port), 20_000, proc);

  const hostPublicKey = hostKey.publicKey.split(' ').slice(0, 2).join(' ');
  const knownHostsLine = `[127.0.0.1]:${port} ${hostPublicKey}`;
  const hashedFile = join(dir, 'known_hosts_hashed');
  writeFileSync(hashedFile, `${knownHostsLine}\n`);
  await mustRun('ssh-keygen', ['-H', '-f', hashedFile]);
  const knownHostsHashedLine = readFileSync(hashedFile, 'utf8').trim();
  writeFileSync(join(dir, 'known_hosts'), `${knownHostsLine}\n`);

  return {
    host: '127.0.0.1',
    port,
    username: user.name,
    hostPublicKey,
    hostFingerprint: hostKey.fingerprint,
    knownHostsLine,
    knownHostsHashedLine,
    clientKey,
    clientKeyWithPassphrase,
    clientKeyPassphrase,
    unauthorizedKey,
    otherHostPublicKey: otherHost.publicKey.split(' ').slice(0, 2).join(' '),
    otherHostFingerprint: otherHost.fingerprint,
    configPath,
    sessionPath,
    process: proc,
    connectionPids: () =>
      descendantsOf(proc.pid).filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === proc.pid;
        } catch {
          return false;
        }
      }),
    stop: () => proc.stop('SIGTERM', 3000),
  };
}
