// Every call the dashboard makes to `duckweed serve` (/api/v1). One place, so a renamed route or field is a
// one-line change. Each function resolves to the parsed JSON or throws an ApiError carrying the server's
// JSON error (status, message, and the fields it names).
const base = '/api/v1';

export class ApiError extends Error {
  constructor(status, body, path) {
    const message = body?.error?.message ?? body?.message ?? `HTTP ${status} on ${path}`;
    super(message);
    this.status = status;
    this.path = path;
    this.fields = errorFields(body);
  }
}

// The fields a JSON error names, {field: message}: the server's
// {"error": {"status", "message", "diagnostics": [{"message", "field"}]}}, where a field is a path such as
// "observations[0].year" (the form's field is its last part).
function errorFields(body) {
  const error = body?.error ?? {};
  const fields = {};
  for (const d of error.diagnostics ?? []) {
    if (!d.field) continue;
    const name = d.field.split('.').at(-1);
    fields[name] = fields[name] ? `${fields[name]}; ${d.message}` : d.message;
  }
  return fields;
}

// An offline page (`evaluate TOWN --out`, `transfer --out`; include/duckweed/report/page.h) carries the
// answers it needs in <script type="application/json" id="duckweed-data">{"route", "api": {path: body}}:
// the same pages draw from it instead of calling the server, and nothing can be written.
export const offline = (() => {
  const block = document.getElementById('duckweed-data');
  if (!block) return null;
  const data = JSON.parse(block.textContent);
  return { route: data.route ?? '/', api: data.api ?? {} };
})();

async function request(path, options = {}) {
  if (offline) {
    const body = (options.method ?? 'GET') === 'GET' ? offline.api[decodeURIComponent(path)] : undefined;
    if (body === undefined) throw new ApiError(404, { error: { message: 'not part of this offline report' } }, path);
    return structuredClone(body);
  }
  const response = await fetch(base + path, options);
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { message: text.slice(0, 200) };
  }
  if (!response.ok) throw new ApiError(response.status, body, path);
  return body;
}

const id = (value) => encodeURIComponent(value);
const post = (path, body) =>
  request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const authorised = (token) => (token ? { Authorization: `Bearer ${token}` } : {});

// Routes as docs/openapi.json describes them.
export const api = {
  health: () => request('/health'),
  territory: (territory) => request(`/territories/${id(territory)}`),
  search: (text) => request(`/search?q=${encodeURIComponent(text)}`),
  indicators: () => request('/indicators'),
  evaluation: (territory) => request(`/territories/${id(territory)}/evaluation`),
  peers: (territory) => request(`/territories/${id(territory)}/peers`),
  referentiel: (territory) => request(`/territories/${id(territory)}/referentiel`),
  recipes: () => request('/recipes'),
  // A diffusion Monte Carlo as a job (server --places): submit, then poll until done, failed or cancelled.
  submitDiffusion: (run) =>
    request('/jobs/diffusion', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(run) }),
  job: (jobId) => request(`/jobs/${id(jobId)}`),
  cancelJob: (jobId) => request(`/jobs/${id(jobId)}`, { method: 'DELETE' }),
  // The ecosystem models (serve --models): SD runs with constants set, FCM scenarios.
  models: () => request('/models'),
  runModel: (name, constants) => post(`/models/${id(name)}/run`, { constants }),
  scenario: (name, body) => post(`/models/${id(name)}/scenario`, body),
  // Observed adoption of a network (its members' join years) and the calibrated forecast (serve --calibrated).
  adoptions: (network, country) => request(`/networks/${id(network)}/adoptions${country ? `?country=${id(country)}` : ''}`),
  forecast: (params) => request(`/diffusion/forecast?${new URLSearchParams(params)}`),
  // The case table names towns as its `case` column does (the territory's name in the demo).
  transfer: (caseName) => request(`/territories/${id(caseName)}/transfer`),
  addObservation: (token, observation) =>
    request('/observations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorised(token) },
      body: JSON.stringify(observation),
    }),
  surveyResponses: (territory) => request(`/territories/${id(territory)}/survey-responses`),
  addSurveyResponse: (token, answer) =>
    request('/survey-responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorised(token) },
      body: JSON.stringify(answer),
    }),
  addInitiative: (token, initiative) =>
    request('/initiatives', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorised(token) },
      body: JSON.stringify(initiative),
    }),
};
