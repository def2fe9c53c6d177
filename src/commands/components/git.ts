import { prepareGitState } from '../../shared/git-state/index.js';
import type { SnapshotComponent } from './types.js';

/** The deploy dir's git state: branch, commit, status, patches, HEAD archive (git runs on the host). */
export const gitComponent: SnapshotComponent = {
  name: 'git',
  title: 'Git',
  async prepare({ host, settings, log }) {
    const prepared = await prepareGitState(host, settings['deploy-dir'], log);
    return { take: (partial) => prepared.take(partial), close: async () => {} };
  },
};
