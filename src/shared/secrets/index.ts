/** The deployment's secrets in a snapshot: a tar of the files, encrypted to age recipients. */
export { encrypterFor } from './recipients.js';
export { parseInventory, type SecretsInventory } from './scripts.js';
export {
  type PreparedSecrets,
  prepareSecrets,
  SECRETS_ARCHIVE,
  type SecretsOptions,
  type SnapshotDirectory,
} from './secrets.js';
