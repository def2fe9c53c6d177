// ssh2's bundled code expects CommonJS globals; inside an ESM bundle they do not exist.
// Imported first by every action entry, before any module that needs them is evaluated.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = globalThis as { __dirname?: string; __filename?: string };
self.__filename ??= fileURLToPath(import.meta.url);
self.__dirname ??= dirname(self.__filename);
