import { dumpPostgres, type PostgresDumpOptions, preparePostgresDump } from '../../shared/postgres/index.js';
import type { Settings } from '../../shared/settings/index.js';
import { postgresTarget } from '../host.js';
import type { SnapshotComponent } from './types.js';

export function postgresOptions(settings: Settings): PostgresDumpOptions {
  return {
    target: postgresTarget(settings),
    ...(settings['postgres-user'] ? { user: settings['postgres-user'] } : {}),
    ...(settings.exec === 'host' ? { host: settings['postgres-host'], port: settings['postgres-port'] } : {}),
    ...(settings.exec === 'host' && settings['postgres-password']
      ? { password: settings['postgres-password'] }
      : {}),
    extraArgs: settings['pg-dumpall-args'],
    compression: settings.compression,
    ...(settings['compression-level'] !== undefined ? { level: settings['compression-level'] } : {}),
  };
}

/** The cluster with pg_dumpall: tools, container and credentials checked first, then the dump. */
export const postgresComponent: SnapshotComponent = {
  name: 'postgres',
  title: 'PostgreSQL',
  async prepare({ host, settings, log }) {
    const prepared = await preparePostgresDump(host, postgresOptions(settings), log);
    return {
      take: (partial) => dumpPostgres(host, partial, prepared, log),
      close: async () => {},
    };
  },
};
