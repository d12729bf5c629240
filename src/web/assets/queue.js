// The review queue's behaviour: sort by a header, filter as you type, and refresh from GET /api/queue
// every few seconds without reloading. The server writes every cell's text; this script only places it.
'use strict';

const POLL_MS = 5000;
const table = document.getElementById('queue');
const body = table.tBodies[0];
const filter = document.getElementById('queue-filter');
const updated = document.getElementById('queue-updated');
const columns = [...table.tHead.rows[0].cells].map((th) => th.dataset.sort);

let entries = null;
let sortKey = 'due';
let ascending = true;

function dueClass(entry) {
  return 'due' + (entry.due && entry.due.overdue ? ' overdue' : entry.due && entry.due.soon ? ' due-soon' : '');
}

function clearanceClass(entry) {
  return 'clearance' + (entry.clearance ? ` clearance-${entry.clearance.outcome}` : '');
}

function rowOf(entry) {
  const tr = document.createElement('tr');
  tr.dataset.submissionId = entry.id;
  tr.dataset.state = entry.state;
  for (const column of columns) {
    const td = document.createElement('td');
    if (column === 'insured') {
      td.className = 'insured';
      const a = document.createElement('a');
      a.className = 'review-link';
      a.href = `/submissions/${encodeURIComponent(entry.id)}/review`;
      a.textContent = entry.cells.insured;
      td.append(a);
    } else {
      td.className = column === 'due' ? dueClass(entry) : column === 'clearance' ? clearanceClass(entry) : column;
      td.textContent = entry.cells[column];
      if (column === 'clearance' && entry.clearanceNote) td.title = entry.clearanceNote;
    }
    tr.append(td);
  }
  return tr;
}

function matches(entry, words) {
  const text = `${entry.cells.insured} ${entry.cells.broker} ${entry.cells.status} ${entry.cells.clearance}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

function render() {
  if (!entries) return;
  const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
  const sorted = [...entries].sort((a, b) => {
    const x = a.sort[sortKey];
    const y = b.sort[sortKey];
    const order = x < y ? -1 : x > y ? 1 : a.sort.due < b.sort.due ? -1 : 1;
    return ascending ? order : -order;
  });
  body.replaceChildren(...sorted.filter((e) => matches(e, words)).map(rowOf));
  for (const th of table.tHead.rows[0].cells) th.setAttribute('aria-sort', th.dataset.sort === sortKey ? (ascending ? 'ascending' : 'descending') : 'none');
}

/** Until the first answer, the server's rows are filtered in place. */
function filterServerRows() {
  const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
  for (const tr of body.rows) {
    const text = ['insured', 'broker', 'status', 'clearance'].map((c) => tr.cells[columns.indexOf(c)].textContent).join(' ').toLowerCase();
    tr.hidden = !words.every((w) => text.includes(w));
  }
}

async function refresh() {
  try {
    const res = await fetch('/api/queue', { headers: { accept: 'application/json' } });
    if (res.status === 401) return location.assign('/login');
    if (!res.ok) throw new Error(`the server answered ${res.status}`);
    entries = (await res.json()).rows;
    render();
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    updated.textContent = `Not updated: ${err.message}; retrying`;
  }
}

function sortBy(key) {
  ascending = key === sortKey ? !ascending : true;
  sortKey = key;
  render();
}

for (const th of table.tHead.rows[0].cells) {
  th.addEventListener('click', () => sortBy(th.dataset.sort));
  th.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      sortBy(th.dataset.sort);
    }
  });
}
filter.addEventListener('input', () => (entries ? render() : filterServerRows()));
refresh();
setInterval(refresh, POLL_MS);
