import { boolKind } from '../kinds.js';
import { settingWithDefault } from '../types.js';

export const reportSettings = {
  'upload-manifest': settingWithDefault({
    description:
      "Upload the snapshot's manifest.json (only it: never a dump or the secrets) as a workflow artifact.",
    kind: boolKind(),
    default: false,
    commands: ['backup'],
    surfaces: { action: true, cli: false, config: false },
  }),
};
