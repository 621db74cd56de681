/**
 * Number formatting for the report: durations, latencies, sizes, markdown tables.
 */

/** A duration: `0.042 ms`, `3.21 ms`, `412 ms`, `12.3 s`. */
export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Bytes in MB (2^20): `412.3 MB`. */
export function fmtMB(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** A count with thousands separators. */
export function fmtInt(n: number | undefined): string {
  return n === undefined ? '–' : Math.round(n).toLocaleString('en-US');
}

/** A ratio: `3.4×`. */
export function fmtX(x: number | undefined, digits = 2): string {
  return x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(digits)}×`;
}

/** A markdown table; cells are escaped for `|`. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}
