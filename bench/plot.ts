/**
 * The one picture of docs/benchmarks.md, as a small SVG written here (bars need no chart
 * library): for each row, the share of its target used (1 = exactly at the target; left of the
 * line is met), so ratios, speed-ups, milliseconds and megabytes read on one axis.
 */
import type { Row } from './verdicts.js';

const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '');

const COLOURS: Record<Row['verdict'], string> = {
  met: '#2e7d32',
  'not met': '#c62828',
  'not shown': '#9e9e9e',
  failed: '#9e9e9e',
};

/** Bars are drawn up to 2x the target; longer ones end in an arrow and show their value. */
const AXIS_MAX = 2;

export function budgetPlot(rows: readonly Row[], title: string): string {
  const plotted = rows.filter((r) => r.budget !== undefined && Number.isFinite(r.budget));
  const labelWidth = 300;
  const barWidth = 300;
  const rowHeight = 22;
  const top = 40;
  const width = labelWidth + barWidth + 70;
  const height = top + plotted.length * rowHeight + 36;
  const x = (share: number) => labelWidth + (Math.min(share, AXIS_MAX) / AXIS_MAX) * barWidth;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${xmlText(title)}</text>`,
  ];
  plotted.forEach((row, i) => {
    const y = top + i * rowHeight;
    const share = row.budget!;
    const label = row.short.length > 60 ? `${row.short.slice(0, 59)}…` : row.short;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${xmlText(label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${(x(share) - labelWidth).toFixed(1)}" height="${rowHeight - 6}" fill="${COLOURS[row.verdict]}"><title>${xmlText(`${row.what}: ${row.measured} (target ${row.target}): ${row.verdict}`)}</title></rect>`,
      `<text x="${(x(share) + 4).toFixed(1)}" y="${y + 14}">${share.toFixed(2)}${share > AXIS_MAX ? ' ▶' : ''}</text>`,
    );
  });
  const axisY = top + plotted.length * rowHeight + 4;
  parts.push(
    `<line x1="${x(1)}" y1="${top - 6}" x2="${x(1)}" y2="${axisY}" stroke="#000" stroke-dasharray="4 3"/>`,
    `<line x1="${labelWidth}" y1="${axisY}" x2="${labelWidth + barWidth}" y2="${axisY}" stroke="#000"/>`,
    ...[0, 0.5, 1, 1.5, 2].map((t) => `<text x="${x(t)}" y="${axisY + 14}" text-anchor="middle">${t}</text>`),
    `<text x="${labelWidth + barWidth / 2}" y="${axisY + 28}" text-anchor="middle">share of the target used (≤ 1: met)</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
