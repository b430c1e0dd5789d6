import { api } from '../api.js';
import { h, section } from '../dom.js';
import { addLabels, domainLabel, formatNumber, t } from '../i18n.js';
import { dataTable } from '../table.js';
import { settle, unavailable } from './common.js';

addLabels({
  fr: { survey: 'Réponse à l’enquête', group: 'Groupe', item: 'Question', answer: 'Réponse', respondent: 'Répondant',
    survey_stored: 'Réponses enregistrées (sans les répondants)' },
  en: { survey: 'Survey answer', group: 'Group', item: 'Item', answer: 'Answer', respondent: 'Respondent',
    survey_stored: 'Stored answers (respondents not shown)' },
});

const tokenKey = 'duckweed.token';

// Data entry for an editor: a new observation, initiative or survey answer of this town (the answers stored
// are listed under the forms). The server decides who may write;
// its field errors are shown beside the field they name, and a refused write says why under the form.
export function entrySection(town, onSaved) {
  const id = town.territory.id;
  const token = h('input', { id: 'entry-token', type: 'password', autocomplete: 'off',
    value: sessionStorage.getItem(tokenKey) ?? '' });
  const currentToken = () => {
    sessionStorage.setItem(tokenKey, token.value.trim());
    return token.value.trim();
  };
  const indicators = h('datalist', { id: 'entry-indicators' },
    [...new Set((town.observations ?? []).map((o) => o.indicator))].map((i) => h('option', { value: i })));
  const domains = h('datalist', { id: 'entry-domains' },
    [...new Set((town.initiatives ?? []).map((i) => i.domain).filter(Boolean))].map((d) => h('option', { value: d }, domainLabel(d))));
  const observation = entryForm('observation', t('observation'), [
    ['indicator', t('indicator'), h('input', { list: 'entry-indicators', required: true }), text],
    ['year', t('year'), h('input', { type: 'number', step: '1', required: true }), numberOrNull],
    ['value', t('value'), h('input', { type: 'number', step: 'any', required: true }), numberOrNull],
    ['source', t('source'), h('input', { type: 'url', placeholder: 'https://' }), text],
    ['note', t('note'), h('input', { type: 'text' }), text],
  ], (body) => api.addObservation(currentToken(), { territory: id, ...body }), onSaved);
  const initiative = entryForm('initiative', t('initiative'), [
    ['title', t('title'), h('input', { required: true }), text],
    ['domain', t('domain'), h('input', { list: 'entry-domains' }), text],
    ['start_year', t('start_year'), h('input', { type: 'number', step: '1' }), numberOrNull],
    ['involvement', t('involvement'), select(['inform', 'consult', 'co-produce', 'citizen-led']), text],
    ['status', t('status'), select(['planned', 'ongoing', 'completed', 'stopped']), text],
    ['source', t('source'), h('input', { type: 'url', placeholder: 'https://' }), text],
  ], (body) => api.addInitiative(currentToken(), { territory: id, ...body }), onSaved);
  const answers = h('div', { id: 'survey-responses' });
  const showAnswers = async () => {
    const got = await settle(api.surveyResponses(id));
    answers.replaceChildren(got.error ? unavailable(got.error) : dataTable('survey-responses', [
      { key: 'group', label: t('group') }, { key: 'year', label: t('year'), numeric: true },
      { key: 'item', label: t('item') }, { key: 'answer', label: t('answer'), numeric: true, format: (v) => formatNumber(v, 2) },
    ], got.value.responses, t('survey_stored')));
  };
  const survey = entryForm('survey', t('survey'), [
    ['group', t('group'), h('input', { list: 'entry-groups', required: true }), text],
    ['year', t('year'), h('input', { type: 'number', step: '1', required: true }), numberOrNull],
    ['item', t('item'), h('input', { required: true, placeholder: 'trust' }), text],
    ['answer', t('answer'), h('input', { type: 'number', step: 'any', required: true }), numberOrNull],
    ['respondent', t('respondent'), h('input', { type: 'text' }), text],
  ], (body) => api.addSurveyResponse(currentToken(), { territory: id, ...body }), showAnswers);
  const groups = h('datalist', { id: 'entry-groups' }, ['residents', 'employees', 'officials'].map((g) => h('option', { value: g })));
  showAnswers();
  return section('entry', t('entry'), h('p', {}, t('entry_help')),
    h('div', { class: 'field' }, h('label', { for: 'entry-token' }, t('token')), token),
    indicators, domains, groups, h('div', { class: 'forms' }, observation, initiative, survey), answers);
}

// A form of fields [name, label, input, read]; `read` turns the box's text into the JSON value (undefined:
// left out). `post(body)` sends it; `onSaved()` redraws what it changed.
function entryForm(kind, title, specs, post, onSaved) {
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const fields = Object.fromEntries(specs.map(([name, label, input, read]) => [name, field(kind, name, label, input, read)]));
  const form = h('form', { class: 'entry', id: `entry-${kind}`, novalidate: true },
    h('h3', {}, title), Object.values(fields).map((f) => f.wrap), h('button', { type: 'submit' }, t('save')), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const [name, f] of Object.entries(fields)) {
      f.setError('');
      const value = f.read(f.input.value);
      if (value !== undefined) body[name] = value;
    }
    try {
      await post(body);
      status.textContent = t('saved');
      status.className = 'form-status ok';
      await onSaved(kind);
    } catch (error) {
      status.textContent = `${t('error')} ${error.status ?? ''}: ${error.message}`;
      status.className = 'form-status bad';
      for (const [name, message] of Object.entries(error.fields ?? {})) fields[name]?.setError(message);
    }
  });
  return form;
}

// Empty optional text is left out (the API refuses null where it expects text).
const text = (value) => (value.trim() === '' ? undefined : value.trim());
// An empty number box is sent as null (the server then names the field), never as 0.
const numberOrNull = (value) => (value.trim() === '' ? null : Number(value));

function select(options) {
  return h('select', {}, options.map((o) => h('option', { value: o }, o)));
}

function field(kind, name, label, input, read) {
  input.id = `${kind}-${name}`;
  input.name = name;
  const error = h('span', { id: `${kind}-${name}-error`, class: 'field-error' });
  input.setAttribute('aria-describedby', error.id);
  return {
    input,
    read,
    wrap: h('div', { class: 'field', 'data-field': name }, h('label', { for: input.id }, label), input, error),
    setError(message) {
      error.textContent = message;
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
    },
  };
}
