import type { SnapshotComponent } from './types.js';

/** The deployment's secret files: a tar streamed from the host, age-encrypted on the runner, stored 0600. */
export const secretsComponent: SnapshotComponent = {
  name: 'secrets',
  title: 'Secrets',
  async prepare({ host, settings, log }) {
    // Loaded here, not at the top: the age library (~20 MB of RSS) only for a run that takes secrets.
    const { prepareSecrets } = await import('../../shared/secrets/index.js');
    const prepared = await prepareSecrets(
      host,
      {
        deployDir: settings['deploy-dir'],
        paths: settings['secret-paths'],
        recipients: settings['age-recipients'],
        required: settings['secrets-required'],
      },
      log,
    );
    return { take: (partial) => prepared.take(partial), close: async () => {} };
  },
};
