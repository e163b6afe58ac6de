/** RFC 4180 CSV lines; cells that a spreadsheet would run as formulas are prefixed with a quote. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsvLine(values: unknown[]): string {
  return `${values.map(cell).join(',')}\r\n`;
}
