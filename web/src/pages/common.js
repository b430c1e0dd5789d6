import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

// A section whose data did not come: says which call failed and why, instead of an empty chart.
export function unavailable(error) {
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

export function sourceLink(url) {
  if (!url) return '—';
  let host = url;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
  return h('a', { href: url, rel: 'noopener', target: '_blank' }, host);
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
