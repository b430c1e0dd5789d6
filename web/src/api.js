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

// The fields an error names: {field: message}. Accepts {error: {fields: [...]}} and {error: {field}}.
function errorFields(body) {
  const error = body?.error ?? body ?? {};
  const list = Array.isArray(error.fields) ? error.fields : error.field ? [error] : [];
  const fields = {};
  for (const f of list) {
    const detail = [f.message, f.expected && `expected ${f.expected}`, f.found !== undefined && `found ${f.found}`];
    fields[f.field] = detail.filter(Boolean).join('; ') || error.message;
  }
  return fields;
}

async function request(path, options = {}) {
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
const authorised = (token) => (token ? { Authorization: `Bearer ${token}` } : {});

export const api = {
  info: () => request('/'),
  territory: (territory) => request(`/territories/${id(territory)}`),
  search: (text) => request(`/territories?q=${encodeURIComponent(text)}`),
  indicators: () => request('/indicators'),
  evaluation: (territory) => request(`/territories/${id(territory)}/evaluation`),
  peers: (territory) => request(`/territories/${id(territory)}/peers`),
  referentiel: (territory) => request(`/territories/${id(territory)}/referentiel`),
  recipes: () => request('/recipes'),
  transfer: (territory) => request(`/territories/${id(territory)}/transfer`),
  me: (token) => request('/me', { headers: authorised(token) }),
  addObservation: (token, observation) =>
    request('/observations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorised(token) },
      body: JSON.stringify(observation),
    }),
};
