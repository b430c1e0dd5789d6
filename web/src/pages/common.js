import { api, offline } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

// A section whose data did not come: says which call failed and why, instead of an empty chart.
export function unavailable(error) {
  if (offline) return h('p', { class: 'notice', role: 'note' }, t('not_in_report'));
  const status = error?.status ? ` (HTTP ${error.status})` : '';
  return h('p', { class: 'notice', role: 'note' }, `${t('api_missing')}${status}: `,
    h('code', {}, `GET /api/v1${error?.path ?? ''}`), error?.message ? ` — ${error.message}` : '');
}

// Settled promise → value or null; keeps the error for unavailable().
export async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

// A figure's source address as a link named by its host (`full`: the whole address, for the list of sources).
export function sourceLink(url, full = false) {
  if (!url) return '—';
  let host = url;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
  return h('a', { href: url, rel: 'noopener', target: '_blank', class: full ? 'url' : null }, full ? url : host);
}

export function printButton() {
  return h('button', { type: 'button', class: 'print', onclick: () => window.print() }, t('print'));
}

// Places named in a case table (exemplars), with coordinates from the store's search: the territory of that
// exact name, the most populous when several. Names the store does not know keep no coordinates.
export async function locateByName(names) {
  return Promise.all([...new Set(names)].map(async (name) => {
    const { value } = await settle(api.search(name));
    const match = (value ?? []).find((p) => p.name === name);
    return { name, id: match?.id ?? null, latitude: match?.latitude ?? null, longitude: match?.longitude ?? null };
  }));
}

// Sections the inputs did not allow: why, and how to include them.
export function absentList(absent) {
  if (!absent.length) return null;
  return h('div', { class: 'absent' }, absent.map((a) =>
    h('div', { class: 'notice' }, h('strong', {}, a.section), h('p', {}, `${t('why')}: ${a.why}`),
      h('p', {}, `${t('how')}: `, h('code', {}, a.how)))));
}
