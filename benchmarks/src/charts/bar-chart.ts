// A grouped horizontal bar chart as a standalone SVG string: no browser, no canvas, no
// dependency. One row group per case, one bar per runner, a shared linear axis with round ticks.

/** One bar: a runner's figure for a case. */
export interface Bar {
  readonly category: string;
  readonly series: string;
  readonly value: number;
}

export interface BarChartOptions {
  readonly title: string;
  /** The axis label (the unit). */
  readonly unit: string;
  /** Say which way is better under the title. */
  readonly better: 'higher' | 'lower';
}

// Colour-blind-safe qualitative palette (Okabe–Ito).
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

const escapeXml = (s: string): string =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A "nice" axis maximum and tick step (1, 2 or 5 × 10ⁿ) covering `max`. */
export function niceScale(max: number, ticks = 5): { top: number; step: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, step: 0.2 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  return { top: Math.ceil(max / step) * step, step };
}

const formatNumber = (v: number): string =>
  v === 0 ? '0' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2);

/** Renders bars (in the order given: categories and series keep their first-seen order) as SVG. */
export function renderBarChart(bars: readonly Bar[], options: BarChartOptions): string {
  const categories = [...new Set(bars.map((b) => b.category))];
  const series = [...new Set(bars.map((b) => b.series))];
  const value = new Map(bars.map((b) => [`${b.category}\u0000${b.series}`, b.value]));
  const barHeight = 14;
  const gap = 10;
  const labelWidth = Math.min(280, Math.max(90, 24 + 6.6 * Math.max(...categories.map((c) => c.length))));
  const plotWidth = 460;
  const valueWidth = 70;
  const width = labelWidth + plotWidth + valueWidth + 20;
  const top = 56;
  const groupHeight = series.length * barHeight + gap;
  const plotHeight = categories.length * groupHeight;
  const legendTop = top + plotHeight + 34;
  const legendRows = Math.ceil(series.length / 3);
  const height = legendTop + legendRows * 18 + 10;
  const { top: axisMax, step } = niceScale(Math.max(0, ...bars.map((b) => b.value).filter(Number.isFinite)));
  const tickDecimals = Math.max(0, -Math.floor(Math.log10(step)));
  const x = (v: number) => labelWidth + (Math.max(0, v) / axisMax) * plotWidth;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${labelWidth}" y="20" font-size="14" font-weight="600">${escapeXml(options.title)}</text>`);
  out.push(`<text x="${labelWidth}" y="36" fill="#555">${escapeXml(options.unit)} — ${options.better} is better</text>`);
  for (let t = 0; t <= axisMax + step / 2; t += step) {
    const tx = x(t).toFixed(1);
    out.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${top + plotHeight}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${tx}" y="${top + plotHeight + 14}" text-anchor="middle" fill="#555">${t.toFixed(tickDecimals)}</text>`);
  }
  categories.forEach((category, ci) => {
    const gy = top + ci * groupHeight;
    out.push(`<text x="${labelWidth - 8}" y="${(gy + (series.length * barHeight) / 2 + 4).toFixed(1)}" text-anchor="end">${escapeXml(category)}</text>`);
    series.forEach((s, si) => {
      const v = value.get(`${category}\u0000${s}`);
      if (v === undefined || !Number.isFinite(v)) return;
      const y = gy + si * barHeight;
      const w = Math.max(0.5, x(v) - labelWidth);
      out.push(`<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${PALETTE[si % PALETTE.length]}"><title>${escapeXml(`${s} · ${category}: ${formatNumber(v)} ${options.unit}`)}</title></rect>`);
      out.push(`<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + barHeight - 4}" fill="#333">${formatNumber(v)}</text>`);
    });
  });
  out.push(`<line x1="${labelWidth}" y1="${top - 4}" x2="${labelWidth}" y2="${top + plotHeight}" stroke="#999"/>`);
  series.forEach((s, si) => {
    const lx = labelWidth + (si % 3) * 170;
    const ly = legendTop + Math.floor(si / 3) * 18;
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${PALETTE[si % PALETTE.length]}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly}">${escapeXml(s)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
