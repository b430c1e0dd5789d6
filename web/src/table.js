import { h } from './dom.js';
import { t } from './i18n.js';

// columns: [{key, label, format?(value, row) -> string|Node, numeric?}]; rows: plain objects.
// The table is what a chart shows, with a CSV download of exactly its cells (raw values, not formatted).
export function dataTable(name, columns, rows, caption) {
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)));
  const body = rows.map((row) =>
    h('tr', {}, columns.map((c) => {
      const value = row[c.key];
      const shown = c.format ? c.format(value, row) : value ?? '—';
      return h('td', { class: c.numeric ? 'num' : null, 'data-value': value ?? '' }, shown);
    })),
  );
  const table = h('table', { class: 'data', 'data-table': name },
    caption ? h('caption', {}, caption) : null, h('thead', {}, head), h('tbody', {}, body));
  const download = h('button', { type: 'button', class: 'csv', onclick: () => saveCsv(name, columns, rows) },
    t('download_csv'));
  return h('div', { class: 'table-wrap' }, h('div', { class: 'scroll', tabindex: '0', role: 'region',
    'aria-label': caption || name }, table), download);
}

export function toCsv(columns, rows) {
  const cell = (value) => {
    if (value === null || value === undefined) return '';
    let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    // A cell a spreadsheet would run as a formula is written as text.
    if (/^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text))) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map((c) => cell(c.key)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function saveCsv(name, columns, rows) {
  const blob = new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `${name}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
