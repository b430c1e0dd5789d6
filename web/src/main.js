import { api, offline } from './api.js';
import { h, link } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { diffusionPage } from './pages/diffusion.js';
import { ecosystemPage } from './pages/ecosystem.js';
import { sourceCodePage } from './pages/source_code.js';
import { townPage } from './pages/town.js';
import { transferPage } from './pages/transfer.js';

const fallbackHome = 'fr:62528'; // Loos-en-Gohelle, when the server names no default territory

// Address → page. Every page has its own address; `/` opens on the store's default town.
const routes = [
  [/^\/town\/([^/]+)$/, (m) => townPage(decodeURIComponent(m[1]))],
  [/^\/transfer\/([^/]+)$/, (m) => transferPage(decodeURIComponent(m[1]))],
  [/^\/source-code$/, () => sourceCodePage()],
  [/^\/diffusion$/, () => diffusionPage()],
  [/^\/ecosystem$/, () => ecosystemPage()],
];

async function home() {
  let id = fallbackHome;
  try {
    id = (await api.health())?.default_territory ?? fallbackHome;
  } catch {
    // The server is down: the town page says so.
  }
  history.replaceState(null, '', `/town/${id}${location.search}`);
  return townPage(id);
}

// The page's address: the location's path, or on an offline page the route its data names.
const currentPath = () => (offline ? offline.route : location.pathname.replace(/\/+$/, '') || '/');

async function render() {
  const main = document.getElementById('main');
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  const path = currentPath();
  const match = routes.map(([re, page]) => [path.match(re), page]).find(([m]) => m);
  let content;
  try {
    content = path === '/' ? await home() : match ? await match[1](match[0]) : [h('h1', {}, t('page_not_found'))];
  } catch (error) {
    content = [h('h1', {}, t('error')), h('p', { class: 'notice' }, String(error.message ?? error))];
  }
  main.replaceChildren(...content.flat().filter(Boolean));
  main.setAttribute('aria-busy', 'false');
  document.body.dataset.page = path.split('/')[1] || 'town';
  document.body.dataset.ready = 'true';
}

function navigation() {
  const town = currentPath().match(/^\/(?:town|transfer)\/([^/]+)/)?.[1] ?? fallbackHome;
  // An offline page is one page: no links to pages it does not carry.
  if (offline) document.getElementById('nav').replaceChildren();
  else document.getElementById('nav').replaceChildren(
    link(`/town/${town}`, t('town')), link('/source-code', t('source_code')), link(`/transfer/${town}`, t('transfer')),
    link('/diffusion', t('diffusion')), link('/ecosystem', t('ecosystem')));
  const lang = document.getElementById('lang');
  lang.textContent = t('other_language');
  lang.onclick = () => {
    setLang(currentLang() === 'fr' ? 'en' : 'fr');
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang');
      history.replaceState(null, '', url);
    }
    start();
  };
}

async function start() {
  document.body.dataset.ready = 'false';
  document.documentElement.lang = currentLang();
  navigation();
  await render();
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') === currentPath()) a.setAttribute('aria-current', 'page');
  }
}

// Links marked data-route change the page without a reload (the address stays shareable).
document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-route]');
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  history.pushState(null, '', a.getAttribute('href'));
  start().then(() => document.getElementById('main').focus());
});
window.addEventListener('popstate', start);
start();
