import { barConfig, chartFigure, lineConfig, wrap } from '../charts.js';
import { section } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { absentList } from './common.js';

// Postures of residents, employees and elected officials (the evaluation's `postures`: Likert means with their
// 95% intervals, and the share who agree). The latest year's means as bars from zero, the interval beside each.
export function posturesSection(evaluation) {
  const cells = evaluation?.postures;
  if (!cells?.length) {
    const absent = evaluation?.absent?.filter((a) => /posture/i.test(a.section)) ?? [];
    return absent.length ? section('postures', t('postures'), absentList(absent)) : null;
  }
  const scale = evaluation.scale ?? { min: 1, max: 5 };
  const last = Math.max(...cells.map((c) => c.year));
  const item = (c) => (c.item === '*' ? t('posture_index') : c.item);
  const shown = cells.filter((c) => c.year === last);
  const rows = cells.map((c) => ({ ...c, item_label: item(c), low: c.mean_ci95?.[0], high: c.mean_ci95?.[1],
    agree_low: c.agree_ci95?.[0], agree_high: c.agree_ci95?.[1] }));
  const figure = chartFigure('postures', `${t('posture_means')} ${last} (${t('scale')} ${scale.min}–${scale.max})`,
    barConfig(shown.map((c) => wrap(`${c.group} · ${item(c)}`, 26)), [
      { label: t('mean'), data: shown.map((c) => c.mean) },
      // The interval drawn within the scale (a t-interval of few answers can pass its ends; the table gives it whole).
      { label: t('interval95'), data: shown.map((c) => (c.mean_ci95 ? c.mean_ci95.map((v) => Math.min(scale.max, Math.max(scale.min, v))) : null)),
        backgroundColor: '#9ecae1' }],
    { horizontal: true, max: scale.max }),
    { columns: [{ key: 'group', label: t('group') }, { key: 'year', label: t('year') }, { key: 'item_label', label: t('item') },
      { key: 'n', label: 'n', numeric: true },
      { key: 'mean', label: t('mean'), numeric: true, format: (v) => formatNumber(v, 2) },
      { key: 'low', label: `${t('interval95')} −`, numeric: true, format: (v) => formatNumber(v, 2) },
      { key: 'high', label: `${t('interval95')} +`, numeric: true, format: (v) => formatNumber(v, 2) },
      { key: 'agree_share', label: t('agree'), numeric: true, format: (v) => `${formatNumber(100 * v, 0)} %` }], rows },
    { height: 80 + 48 * shown.length });
  return section('postures', t('postures'), figure);
}

// Trust, image and attractiveness (survey means rescaled to 0..1) against the systemic score, year by year.
export function emergentSection(evaluation) {
  const cells = (evaluation?.postures ?? []).filter((c) => ['trust', 'image', 'attractiveness'].includes(c.item));
  const systemic = (evaluation?.scores ?? evaluation)?.systemic ?? [];
  if (!cells.length || !systemic.length) return null;
  const scale = evaluation.scale ?? { min: 1, max: 5 };
  const years = [...new Set([...systemic.map((s) => s.year), ...cells.map((c) => c.year)])].sort((a, b) => a - b);
  const series = new Map();
  for (const c of cells) {
    const name = `${c.group} · ${c.item}`;
    if (!series.has(name)) series.set(name, new Map());
    series.get(name).set(c.year, (c.mean - scale.min) / (scale.max - scale.min));
  }
  const choquet = new Map(systemic.map((s) => [s.year, s.choquet]));
  const datasets = [{ label: t('choquet'), data: years.map((y) => choquet.get(y) ?? null), borderWidth: 3 },
    ...[...series.entries()].map(([label, byYear]) => ({ label, data: years.map((y) => byYear.get(y) ?? null) }))];
  const rows = years.map((year) => ({ year, ...Object.fromEntries(datasets.map((d, i) => [`s${i}`, d.data[years.indexOf(year)]])) }));
  return section('emergent', t('emergent'), chartFigure('emergent', t('emergent_title'),
    lineConfig(years.map(String), datasets, { min: 0, max: 1 }),
    { columns: [{ key: 'year', label: t('year') },
      ...datasets.map((d, i) => ({ key: `s${i}`, label: d.label, numeric: true, format: (v) => formatNumber(v, 3) }))], rows },
    { height: 300, note: t('emergent_note') }));
}
