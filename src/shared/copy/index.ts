/** The off-host copy: a committed snapshot to a second host over SSH, verified there, pruned there. */
export { type CopyResult, type CopySettings, copySnapshot, type SnapshotToCopy } from './copy.js';
export { type ExpectedFile, type FileStep, planTransfer, verifyProblems } from './plan.js';
export { COPY_RECORD_SUFFIX, type CopyRecord, parseCopyRecord, writeCopyRecord } from './record.js';
export { copyPaths } from './scripts.js';
