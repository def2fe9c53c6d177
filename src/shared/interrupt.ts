/**
 * Work a run undoes when the process is interrupted (SIGINT, SIGTERM) before it exits: the CLI's
 * signal handler awaits it, bounded, so a run's work dir on the host does not outlive the run.
 * Any layer may register; it imports nothing.
 */
const pending = new Set<() => Promise<void>>();

/** Registers `undo` for an interruption; the returned function unregisters it (the work is done). */
export function whenInterrupted(undo: () => Promise<void>): () => void {
  pending.add(undo);
  return () => {
    pending.delete(undo);
  };
}

/** Runs every registered undo at once; resolves when all settled or after `timeoutMs` (false then). */
export async function undoInterrupted(timeoutMs: number): Promise<boolean> {
  const undos = [...pending];
  pending.clear();
  if (undos.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const settled = Promise.allSettled(undos.map((undo) => undo())).then(() => true as const);
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
