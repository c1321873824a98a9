// The benchmark report: from one run's results, a markdown table per group (with each runner's
// ratio to the best runner of the same case, measured in the same run) and an SVG chart per
// group and unit. Works for any suite's BenchResult rows.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderBarChart } from './charts/bar-chart.js';
import type { BenchResult } from './suite.js';

/** A results file as run.ts writes it. */
export interface BenchRun {
  readonly date: string;
  readonly node: string;
  readonly quick: boolean;
  readonly machine?: string;
  readonly results: readonly BenchResult[];
}

type Unit = NonNullable<BenchResult['unit']>;
/** Units where a bigger figure is better (throughputs); the rest are costs. */
const HIGHER_IS_BETTER: ReadonlySet<Unit> = new Set<Unit>(['GFLOP/s', 'GB/s', 'ops/s', 'steps/s']);
export const higherIsBetter = (unit: Unit): boolean => HIGHER_IS_BETTER.has(unit);

/** Groups in first-seen order, each with its rows. */
function byGroup(results: readonly BenchResult[]): Map<string, BenchResult[]> {
  const groups = new Map<string, BenchResult[]>();
  for (const r of results) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return groups;
}

/** A file-name-safe slug. */
export const slug = (s: string): string => s.toLowerCase().replaceAll('µ', 'u').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';

/** Each row's figure relative to the best runner of its case and unit (1 = best), or undefined without a figure. */
export function ratiosToBest(rows: readonly BenchResult[]): Map<BenchResult, number> {
  const best = new Map<string, number>();
  const key = (r: BenchResult) => `${r.case}\u0000${r.unit}`;
  for (const r of rows) {
    if (r.value === undefined || r.unit === undefined || !Number.isFinite(r.value) || r.value <= 0) continue;
    const b = best.get(key(r));
    const better = higherIsBetter(r.unit) ? r.value > (b ?? -Infinity) : r.value < (b ?? Infinity);
    if (better) best.set(key(r), r.value);
  }
  const out = new Map<BenchResult, number>();
  for (const r of rows) {
    const b = best.get(key(r));
    if (b === undefined || r.value === undefined || r.unit === undefined || r.value <= 0) continue;
    out.set(r, higherIsBetter(r.unit) ? r.value / b : b / r.value);
  }
  return out;
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));

/** The charts of a run: one per group and unit, named `<group>.svg` (or `<group>-<unit>.svg` when a group has several units). */
export function renderCharts(run: BenchRun): { file: string; group: string; unit: Unit; svg: string }[] {
  const charts: { file: string; group: string; unit: Unit; svg: string }[] = [];
  for (const [group, rows] of byGroup(run.results)) {
    const units = [...new Set(rows.map((r) => r.unit).filter((u): u is Unit => u !== undefined))];
    for (const unit of units) {
      const bars = rows.filter((r) => r.unit === unit && r.value !== undefined && Number.isFinite(r.value))
        .map((r) => ({ category: r.case, series: r.runner, value: r.value as number }));
      if (bars.length === 0) continue;
      const file = `${slug(group)}${units.length > 1 ? `-${slug(unit)}` : ''}.svg`;
      charts.push({ file, group, unit, svg: renderBarChart(bars, { title: group, unit, better: higherIsBetter(unit) ? 'higher' : 'lower' }) });
    }
  }
  return charts;
}

/** The markdown report of a run; `chartDir` is how the markdown links to the charts. */
export function renderMarkdown(run: BenchRun, chartDir = 'charts'): string {
  const lines = [`# Benchmark results${run.quick ? ' (quick: smoke sizes, not for comparison)' : ''}`, ''];
  lines.push(`Run ${run.date} on Node ${run.node}${run.machine ? `, ${run.machine}` : ''}. Medians after warm-up; "vs best" compares runners of the same case within this run (1.00× = best).`);
  const charts = renderCharts(run);
  for (const [group, rows] of byGroup(run.results)) {
    lines.push('', `## ${group}`, '');
    for (const c of charts.filter((ch) => ch.group === group)) lines.push(`![${group} (${c.unit})](${chartDir}/${c.file})`, '');
    lines.push('| case | runner | median ms | figure | vs best | notes |', '|---|---|---:|---:|---:|---|');
    const ratios = ratiosToBest(rows);
    for (const r of rows) {
      const figure = r.value === undefined ? '' : `${fmt(r.value)} ${r.unit ?? ''}`;
      const ratio = ratios.get(r);
      lines.push(`| ${cell(r.case)} | ${cell(r.runner)} | ${fmt(r.medianMs)} | ${figure} | ${ratio === undefined ? '' : `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`} | ${cell(r.notes ?? '')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `report.md` and `charts/*.svg` for a run into `dir`; returns the files written. */
export async function writeReport(run: BenchRun, dir: string): Promise<string[]> {
  await mkdir(join(dir, 'charts'), { recursive: true });
  const written: string[] = [];
  for (const c of renderCharts(run)) {
    const file = join(dir, 'charts', c.file);
    await writeFile(file, c.svg);
    written.push(file);
  }
  const md = join(dir, 'report.md');
  await writeFile(md, renderMarkdown(run));
  written.push(md);
  return written;
}
