/**
 * A healthchecks.io-style monitor: pinged when a run starts, succeeds or fails, so a run that
 * fails, hangs or never happens at all is noticed (the monitor alerts on a missing ping).
 */
const WEBHOOK_TIMEOUT_MS = 10_000;

export interface AlertLog {
  info(message: string): void;
  warn(message: string): void;
}

export type WebhookEvent = 'start' | 'success' | 'failure';

/** healthchecks.io's protocol: `<url>/start`, `<url>`, `<url>/fail`. The URL (it holds the check's key) is never logged. */
export function webhookUrl(base: string, event: WebhookEvent): string {
  const trimmed = base.replace(/\/+$/, '');
  return event === 'start' ? `${trimmed}/start` : event === 'failure' ? `${trimmed}/fail` : trimmed;
}

export async function pingWebhook(
  base: string,
  event: WebhookEvent,
  body: string,
  log: AlertLog,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<boolean> {
  try {
    const response = await fetch(webhookUrl(base, event), {
      method: 'POST',
      body: body.slice(0, 10_000),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      log.warn(`alert-webhook-url: the ${event} ping was answered with HTTP ${response.status}.`);
      return false;
    }
    log.info(`alert-webhook-url: ${event} ping sent.`);
    return true;
  } catch (error) {
    const why =
      (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the request failed';
    // The error text can quote the URL: say only what kind of failure it was.
    log.warn(`alert-webhook-url: the ${event} ping could not be sent (${why}).`);
    return false;
  }
}

export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Start ping before the command, success or failure ping after it (settings-stage failures send none: the missing success is the alert). */
export async function withWebhook<T extends { ok: boolean; text: string }>(
  url: string | undefined,
  log: AlertLog,
  run: () => Promise<T>,
): Promise<T> {
  if (!url) return run();
  await pingWebhook(url, 'start', 'started', log);
  const outcome = await run();
  await pingWebhook(url, outcome.ok ? 'success' : 'failure', plainText(outcome.text), log);
  return outcome;
}
