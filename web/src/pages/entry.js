import { api } from '../api.js';
import { h, section } from '../dom.js';
import { t } from '../i18n.js';

const tokenKey = 'duckweed.token';

// Data entry for an editor: a new observation of this town. The server decides who may write; its field
// errors are shown beside the field they name, and a refused write says why at the top of the form.
export function entrySection(town, onSaved) {
  const id = town.territory.id;
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const tokenInput = h('input', { id: 'entry-token', type: 'password', autocomplete: 'off',
    value: sessionStorage.getItem(tokenKey) ?? '' });
  const fields = {
    indicator: field('indicator', t('indicator'), h('input', { list: 'entry-indicators', required: true })),
    year: field('year', t('year'), h('input', { type: 'number', step: '1', required: true })),
    value: field('value', t('value'), h('input', { type: 'number', step: 'any', required: true })),
    source: field('source', t('source'), h('input', { type: 'url', placeholder: 'https://' })),
    note: field('note', t('note'), h('input', { type: 'text' })),
  };
  const indicators = h('datalist', { id: 'entry-indicators' },
    [...new Set((town.observations ?? []).map((o) => o.indicator))].map((i) => h('option', { value: i })));
  const form = h('form', { class: 'entry', novalidate: true },
    h('p', {}, t('entry_help')),
    h('label', { for: 'entry-token' }, t('token')), tokenInput,
    Object.values(fields).map((f) => f.wrap), indicators,
    h('button', { type: 'submit' }, t('save')), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const f of Object.values(fields)) f.setError('');
    const token = tokenInput.value.trim();
    sessionStorage.setItem(tokenKey, token);
    const body = { territory: id, indicator: fields.indicator.input.value.trim(),
      year: numberOrNull(fields.year.input.value), value: numberOrNull(fields.value.input.value) };
    // Empty optional fields are left out (the API refuses null where it expects text).
    for (const name of ['source', 'note']) {
      const text = fields[name].input.value.trim();
      if (text) body[name] = text;
    }
    try {
      await api.addObservation(token, body);
      status.textContent = t('saved');
      status.className = 'form-status ok';
      await onSaved();
    } catch (error) {
      status.textContent = `${t('error')} ${error.status ?? ''}: ${error.message}`;
      status.className = 'form-status bad';
      for (const [name, message] of Object.entries(error.fields ?? {})) fields[name]?.setError(message);
    }
  });
  return section('entry', t('entry'), form);
}

// An empty box is sent as null (the server then names the field), not as 0.
const numberOrNull = (text) => (text.trim() === '' ? null : Number(text));

function field(name, label, input) {
  input.id = `entry-${name}`;
  input.name = name;
  const error = h('span', { id: `entry-${name}-error`, class: 'field-error' });
  input.setAttribute('aria-describedby', error.id);
  return {
    input,
    wrap: h('div', { class: 'field', 'data-field': name }, h('label', { for: input.id }, label), input, error),
    setError(message) {
      error.textContent = message;
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
    },
  };
}
