/** CSV for spreadsheets: semicolons, CRLF and a UTF-8 BOM, as French Excel and LibreOffice expect. */

/** One cell, quoted when it holds a separator, a quote or a line break. */
export function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file from its header and rows. */
export function csvFile(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return '\uFEFF' + [head.map(csvCell).join(';'), ...rows.map((r) => r.map(csvCell).join(';'))].join('\r\n') + '\r\n';
}
