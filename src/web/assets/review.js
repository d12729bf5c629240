// The review page from the keyboard alone: j/k move between flags, a accepts, e edits, b asks the
// broker, w waives, p shows the whole page, ? the keys. Each action is a JSON POST (CSRF token in a
// header); the server's page is then fetched again and its parts swapped in, so the server alone says
// how a flag, a value or the audit trail looks.
'use strict';

const root = document.getElementById('review');
const id = root.dataset.submissionId;
const readOnly = root.hasAttribute('data-read-only');
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const editForm = document.getElementById('edit-form');
const editValue = document.getElementById('edit-value');
const editReason = document.getElementById('edit-reason');
const editError = editForm.querySelector('.edit-error');
const pageView = document.getElementById('page-view');
const keyHelp = document.getElementById('key-help');
const POLL_MS = 2000;

let current = null;
/** What the open edit form changes: { path, flagId? }. */
let editing = null;
let polling = null;

const flagItems = () => [...document.querySelectorAll('#flags > li.flag')];
const isOpen = (li) => !li.classList.contains('resolved');

function setCurrent(li) {
  if (current) current.classList.remove('current');
  current = li || null;
  if (!current) return;
  current.classList.add('current');
  current.scrollIntoView({ block: 'nearest' });
  if (!pageView.hidden) showPage();
}

/** The next open flag after `from` (wrapping), else the first open one, else none. */
function nextOpen(fromId) {
  const items = flagItems();
  const at = items.findIndex((li) => li.dataset.flagId === fromId);
  const after = [...items.slice(at + 1), ...items.slice(0, Math.max(at, 0))];
  return after.find(isOpen) || null;
}

function move(step) {
  const items = flagItems();
  if (!items.length) return;
  const at = items.indexOf(current);
  setCurrent(items[Math.min(items.length - 1, Math.max(0, at + step))]);
}

async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
  if (res.status === 401) {
    location.assign('/login');
    throw new Error('log in again');
  }
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error || answer.message || `the server answered ${res.status}`);
  return answer;
}

/** Fetches the page again and swaps in the parts an action changes; the flag after `actedOn` becomes current. */
async function refresh(actedOn) {
  if (editing) closeEdit();
  const res = await fetch(location.pathname, { headers: { accept: 'text/html' } });
  if (res.redirected && new URL(res.url).pathname === '/login') return location.assign('/login');
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
  for (const part of ['flags', 'values', 'audit', 'review-status', 'review-actions', 'clearance', 'clearance-pill', 'renewal']) {
    const next = fresh.getElementById(part);
    const now = document.getElementById(part);
    if (next && now) now.replaceWith(document.adoptNode(next));
  }
  document.getElementById('review-message').hidden = true;
  const freshRoot = fresh.getElementById('review');
  if (freshRoot) root.dataset.state = freshRoot.dataset.state;
  const keep = current && current.dataset.flagId;
  current = null;
  const items = flagItems();
  // The server marks its own first flag current; here the one after the flag acted on is.
  for (const li of items) li.classList.remove('current');
  setCurrent(actedOn ? nextOpen(actedOn) : items.find((li) => li.dataset.flagId === keep) || items.find(isOpen));
  watchState();
}

/** A refusal's sentence beside the flag it concerns, else under the page's title. */
function showError(li, message) {
  const p = (li && li.querySelector('.action-error')) || document.getElementById('review-message');
  p.textContent = message;
  p.hidden = false;
}

async function decide(action) {
  if (!current || readOnly) return;
  const li = current;
  try {
    await post(`/api/submissions/${id}/decisions`, { flagId: li.dataset.flagId, action });
    await refresh(li.dataset.flagId);
  } catch (err) {
    showError(li, err.message);
  }
}

function openEdit(target, where) {
  if (readOnly) return;
  editing = target;
  where.append(editForm);
  editForm.querySelector('.edit-path').textContent = target.label;
  editValue.value = target.text;
  editReason.value = '';
  editError.hidden = true;
  editForm.hidden = false;
  editValue.focus();
  editValue.select();
}

function closeEdit() {
  const back = editing && editing.returnFocus;
  editing = null;
  editForm.hidden = true;
  root.append(editForm);
  if (back && document.contains(back)) back.focus();
}

// The clearance override: the outcome and the reason (the server refuses a blank one with a sentence).
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (form.id !== 'clearance-override') return;
  event.preventDefault();
  const error = form.querySelector('.clearance-error');
  try {
    await post(`/api/submissions/${id}/clearance-override`, { outcome: form.elements.outcome.value, reason: form.elements.reason.value });
    await refresh(null);
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
  }
});

editForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editing) return;
  const target = editing;
  const body = { path: target.path, text: editValue.value, ...(editReason.value.trim() ? { reason: editReason.value.trim() } : {}), ...(target.flagId ? { flagId: target.flagId } : {}) };
  try {
    await post(`/api/submissions/${id}/values`, body);
    closeEdit();
    await refresh(target.flagId);
  } catch (err) {
    editError.textContent = err.message;
    editError.hidden = false;
    editValue.focus();
  }
});
editForm.querySelector('.cancel').addEventListener('click', closeEdit);

function editCurrent() {
  if (!current) return;
  const path = current.dataset.path;
  openEdit({ path, flagId: current.dataset.flagId, text: current.dataset.editText, label: current.querySelector('.path').textContent, returnFocus: null }, current.querySelector('.flag-text'));
}

async function showPage() {
  pageView.hidden = false;
  const li = current;
  if (!li || !li.dataset.document) {
    pageView.textContent = 'This flag has no page: its form is not among the files, or it was sent as XML.';
    return;
  }
  const url = `/submissions/${id}/documents/${li.dataset.document}/pages/${li.dataset.page}.html?flag=${encodeURIComponent(li.dataset.flagId)}`;
  if (pageView.dataset.url === url) return;
  pageView.dataset.url = url;
  pageView.textContent = 'Loading the page…';
  const res = await fetch(url, { headers: { accept: 'text/html' } });
  if (pageView.dataset.url !== url) return;
  if (!res.ok) {
    pageView.textContent = (await res.json().catch(() => ({}))).error || `The page cannot be shown (${res.status}).`;
    return;
  }
  const fragment = new DOMParser().parseFromString(await res.text(), 'text/html').body;
  // Positions travel as data attributes: the CSP allows no style attribute, but a script may set styles.
  for (const box of fragment.querySelectorAll('.box')) {
    Object.assign(box.style, { left: box.dataset.left, top: box.dataset.top, width: box.dataset.width, height: box.dataset.height });
  }
  // The page keeps its shape while its image loads: the boxes are placed right from the start.
  for (const canvas of fragment.querySelectorAll('.page-canvas')) canvas.style.aspectRatio = canvas.dataset.aspect;
  pageView.replaceChildren(...[...fragment.childNodes].map((n) => document.adoptNode(n)));
  const mark = pageView.querySelector('.current-box');
  if (mark) mark.scrollIntoView({ block: 'center' });
}

function togglePage() {
  if (pageView.hidden) return showPage();
  pageView.hidden = true;
}

async function watchState() {
  if (root.dataset.state !== 'reassembling' || polling) return;
  polling = setInterval(async () => {
    const res = await fetch(`/api/submissions/${id}`, { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const status = await res.json();
    if (status.state === root.dataset.state) return;
    clearInterval(polling);
    polling = null;
    await refresh(null);
  }, POLL_MS);
}

const KEYS = {
  j: () => move(1),
  ArrowDown: () => move(1),
  k: () => move(-1),
  ArrowUp: () => move(-1),
  a: () => decide('confirmed'),
  b: () => decide('ask-broker'),
  w: () => decide('waived'),
  e: editCurrent,
  p: togglePage,
  '?': () => (keyHelp.hidden = !keyHelp.hidden),
  Escape: () => {
    keyHelp.hidden = true;
    pageView.hidden = true;
  },
};

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
  if (typing) {
    // Enter submits the form by itself; Escape leaves it.
    if (event.key === 'Escape' && editing) {
      event.preventDefault();
      closeEdit();
    }
    return;
  }
  if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
  const action = KEYS[event.key];
  if (!action) return;
  event.preventDefault();
  action();
});

document.addEventListener('click', async (event) => {
  const button = event.target.closest('button');
  const flag = event.target.closest('li.flag');
  if (flag && !event.target.closest('form') && flag !== current) setCurrent(flag);
  if (!button) return;
  if (button.id === 'show-keys') keyHelp.hidden = !keyHelp.hidden;
  if (button.classList.contains('edit-value')) {
    const row = button.closest('tr');
    openEdit({ path: row.dataset.path, text: row.dataset.editText, label: row.querySelector('th').textContent, returnFocus: button }, row.cells[1]);
  }
  if (button.classList.contains('reveal-tax-id')) {
    try {
      const { value } = await post(`/api/submissions/${id}/reveal-tax-id`, { path: button.dataset.path });
      button.closest('tr').querySelector('.tax-id').textContent = value;
      button.remove();
    } catch (err) {
      showError(null, err.message);
    }
  }
  if (button.id === 'send-to-underwriter') {
    try {
      await post(`/api/submissions/${id}/send`, {});
      await refresh(null);
    } catch (err) {
      showError(null, err.message);
    }
  }
});

setCurrent(flagItems().find(isOpen) || null);
watchState();
// For a test (or a person's tools) to know the keys work now.
root.dataset.ready = 'true';
