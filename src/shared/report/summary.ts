import type { CommandResult, SummaryTable } from './result.js';

/** core.summary does no escaping: everything we put in it goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** core.summary aborts above 1 MiB. */
export const SUMMARY_LIMIT = 900_000;

/** The job summary of one run, as HTML. */
export function renderSummaryHtml(title: string, result: CommandResult): string {
  let html = `<h2>${escapeHtml(title)}: ${result.ok ? '✅' : '❌'} ${escapeHtml(result.headline)}</h2>\n`;
  if (result.details?.length)
    html += `<ul>${result.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>\n`;
  if (result.table) html += renderTableHtml(result.table);
  if (html.length > SUMMARY_LIMIT)
    html = `${html.slice(0, SUMMARY_LIMIT)}\n<p>(summary cut at ${SUMMARY_LIMIT} characters)</p>\n`;
  return html;
}

function renderTableHtml(table: SummaryTable): string {
  const head = `<tr>${table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = table.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n${head}\n${rows}\n</table>\n`;
}

/** The same result as lines for a terminal: headline, indented details, the table as `a | b` rows. */
export function renderSummaryLines(result: CommandResult): string[] {
  const lines = [result.headline, ...(result.details ?? []).map((d) => `  ${d}`)];
  if (result.table)
    for (const row of [result.table.header, ...result.table.rows]) lines.push(`  ${row.join(' | ')}`);
  return lines;
}

/** "1 file", "3 files": every count in a message goes through here. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
