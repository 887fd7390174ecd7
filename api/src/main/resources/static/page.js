// The Sluice page: submit imports, watch them, cancel them, read their failures.
// Plain browser JavaScript, no build step. Every request sends the bearer token by hand,
// so progress is read from the events stream with fetch() (EventSource cannot send
// headers), falling back to polling the job once a second.
'use strict';

const TERMINAL = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'];
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const $ = (id) => document.getElementById(id);
const watched = new Map(); // job id -> its <li>

// ---- token ----------------------------------------------------------------

function token() {
  return sessionStorage.getItem('sluice.token') || '';
}

// A link's #token= is taken out of the address at once (so it stays in neither the address
// bar nor the history), and replaces a different token this tab already holds only if the
// user says so: a crafted link must not switch the tab to someone else's account unseen.
function takeTokenFromAddress() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has('token')) {
    const offered = (hash.get('token') || '').trim();
    hash.delete('token');
    const rest = hash.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
    const held = token();
    if (offered && offered !== held) {
      if (!held || window.confirm('This link carries a different token. Replace the token this tab uses with it? '
          + 'Jobs you submit from now on would belong to whoever the new token names.')) {
        sessionStorage.setItem('sluice.token', offered);
        say('Token set from the link.');
      }
      else {
        say('Kept the token this tab already had; the link\'s token was ignored.');
      }
    }
  }
  $('token').value = token();
}

// ---- requests and problems ------------------------------------------------

class Problem extends Error {
  constructor(status, body) {
    super(describeProblem(status, body));
    this.status = status;
  }
}

function describeProblem(status, body) {
  if (!body || typeof body !== 'object') {
    return `The request failed (HTTP ${status}).`;
  }
  const lines = [[body.title, body.detail].filter(Boolean).join(': ') || `HTTP ${status}`];
  for (const error of body.errors || []) {
    const where = error.index == null ? '' : `photo ${error.index + 1}: `;
    lines.push(`${where}${error.field ? error.field + ' ' : ''}${error.message}`);
  }
  if (body.errorCount > (body.errors || []).length) {
    lines.push(`... and ${body.errorCount - body.errors.length} more`);
  }
  return lines.join('\n');
}

async function api(method, path, { body, headers = {}, signal } = {}) {
  const init = { method, signal, headers: { Authorization: 'Bearer ' + token(), ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (ignored) { /* not JSON */ }
  if (!response.ok) {
    const problem = new Problem(response.status, json);
    problem.retryAfter = Number(response.headers.get('Retry-After')) || 1;
    throw problem;
  }
  return json;
}

function say(message, isProblem = false) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('problem', isProblem);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- submitting -----------------------------------------------------------

function photosFromForm(albumId) {
  if ($('source-sample').checked) {
    const count = Number($('count').value);
    return Array.from({ length: count }, (_, i) => ({
      url: `https://images.example.com/sample/${albumId}/${i}.jpg`, caption: `Sample ${i + 1}` }));
  }
  return $('urls').value.split('\n').filter((line) => line.trim()).map((line) => {
    const match = line.trim().match(/^(\S+)(?:[\t ]+(.*))?$/);
    return match[2] ? { url: match[1], caption: match[2] } : { url: match[1] };
  });
}

// One Idempotency-Key per submit: a retry after a lost answer or a 503 gets the same job.
async function submit(event) {
  event.preventDefault();
  const albumId = Number($('album').value);
  const request = { albumId, photos: photosFromForm(albumId) };
  const key = crypto.randomUUID();
  $('submit').disabled = true;
  say(`Submitting ${request.photos.length.toLocaleString()} photos...`);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const job = await api('POST', '/api/v1/jobs', { body: request, headers: { 'Idempotency-Key': key } });
        say(`Job ${job.id} accepted: ${job.photos.total.toLocaleString()} photos.`);
        watch(job.id, job);
        return;
      }
      catch (failure) {
        const retriable = !(failure instanceof Problem) || failure.status === 503;
        if (!retriable || attempt === 3) throw failure;
        say(`Submitting again (attempt ${attempt + 1} of 3, same Idempotency-Key)...`);
        await pause(1000 * (failure.retryAfter || attempt));
      }
    }
  }
  catch (failure) {
    say(failure.message, true);
  }
  finally {
    $('submit').disabled = false;
  }
}

// ---- watching -------------------------------------------------------------

function rememberJobs() {
  const params = new URLSearchParams(location.search);
  if (watched.size) params.set('jobs', [...watched.keys()].join(','));
  else params.delete('jobs');
  const query = params.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
}

function jobItem(id) {
  const item = document.createElement('li');
  item.className = 'job';
  item.dataset.jobId = id;
  item.innerHTML = `
    <label class="job-label" for="progress-${id}">Job <code>${id}</code></label>
    <progress id="progress-${id}" max="1" value="0"></progress>
    <p><span class="job-status"></span> <span class="job-figures"></span></p>
    <p class="problem job-problem"></p>
    <button type="button" class="job-cancel">Cancel</button>
    <button type="button" class="job-failures">Show failures</button>
    <button type="button" class="job-forget">Stop watching</button>
    <ul class="failures"></ul>
    <button type="button" class="failures-more" hidden>More failures</button>`;
  item.querySelector('.job-cancel').addEventListener('click', () => cancel(id));
  item.querySelector('.job-failures').addEventListener('click', () => showFailures(id, null));
  item.querySelector('.job-forget').addEventListener('click', () => forget(id));
  return item;
}

function render(job) {
  const item = watched.get(job.id);
  if (!item) return;
  const { total, written, duplicate, failed, cancelled } = job.photos;
  const done = written + duplicate + failed;
  const percent = total ? Math.floor((100 * done) / total) : 100;
  const progress = item.querySelector('progress');
  progress.max = total;
  progress.value = done;
  progress.textContent = `${percent} %`;
  item.querySelector('.job-label').innerHTML =
    `Album ${job.albumId}, job <code>${job.id}</code>: ${percent} %`;
  item.querySelector('.job-status').textContent = job.status;
  item.querySelector('.job-figures').textContent =
    `${done.toLocaleString()} of ${total.toLocaleString()} photos: ${written.toLocaleString()} written, `
    + `${duplicate.toLocaleString()} duplicate, ${failed.toLocaleString()} failed`
    + (cancelled ? `, ${cancelled.toLocaleString()} cancelled` : '')
    + (job.failureReason ? `. ${job.failureReason}` : '');
  item.dataset.status = job.status;
  item.querySelector('.job-cancel').disabled = TERMINAL.includes(job.status);
}

function showJobProblem(id, message) {
  const item = watched.get(id);
  if (item) item.querySelector('.job-problem').textContent = message;
}

function watch(id, job) {
  if (!JOB_ID.test(id) || watched.has(id)) return;
  const item = jobItem(id);
  watched.set(id, item);
  $('jobs').prepend(item);
  rememberJobs();
  if (job) render(job);
  follow(id);
}

function forget(id) {
  const item = watched.get(id);
  watched.delete(id);
  if (item) item.remove();
  rememberJobs();
}

const isTerminal = (job) => job && TERMINAL.includes(job.status);

// Follows a job until it ends or is forgotten: the events stream while it works,
// polling once it is missing (404, 405) or keeps failing.
async function follow(id) {
  let lastEventId = null;
  for (let failures = 0; failures < 3 && watched.has(id);) {
    let outcome;
    try {
      outcome = await readEvents(id, lastEventId, (eventId) => { lastEventId = eventId; });
    }
    catch (failure) {
      if (failure instanceof Problem && failure.status !== 503) {
        showJobProblem(id, failure.message);
        return;
      }
      outcome = 'failed';
    }
    if (outcome === 'terminal') return;
    if (outcome === 'unsupported') break;
    failures = outcome === 'ended' ? 0 : failures + 1; // a stream that carried events may simply resume
    await pause(1000);
  }
  await poll(id);
}

async function readEvents(id, lastEventId, onEventId) {
  const headers = { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  const response = await fetch(`/api/v1/jobs/${id}/events`, { headers });
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 404 || response.status === 405 || (response.ok && !type.startsWith('text/event-stream'))) {
    return 'unsupported';
  }
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch (ignored) { /* not JSON */ }
    throw new Problem(response.status, body);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { data: [] };
  let received = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return received ? 'ended' : 'failed';
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (event.data.length) {
          const job = JSON.parse(event.data.join('\n'));
          received = true;
          render(job);
          markFollowing(id, 'events');
          if (isTerminal(job) || !watched.has(id)) {
            reader.cancel();
            return 'terminal';
          }
        }
        event = { data: [] };
        continue;
      }
      const colon = line.indexOf(':');
      if (colon === 0) continue; // a comment, such as a keep-alive
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') event.data.push(value);
      else if (field === 'id') onEventId(value);
      else if (field === 'event') event.name = value;
    }
  }
}

// Says on the job's entry how its last view arrived: 'events' or 'polling'.
function markFollowing(id, how) {
  const item = document.querySelector(`li.job[data-job-id="${id}"]`);
  if (item) item.dataset.following = how;
}

async function poll(id) {
  while (watched.has(id)) {
    try {
      const job = await api('GET', `/api/v1/jobs/${id}`);
      showJobProblem(id, '');
      render(job);
      markFollowing(id, 'polling');
      if (isTerminal(job)) return;
    }
    catch (failure) {
      showJobProblem(id, failure.message);
      if (failure instanceof Problem && failure.status !== 503) return;
    }
    await pause(1000);
  }
}

// ---- cancel, failures, history ---------------------------------------------

async function cancel(id) {
  try {
    const job = await api('DELETE', `/api/v1/jobs/${id}`);
    render(job);
    say(`Job ${id} cancelled.`);
  }
  catch (failure) {
    showJobProblem(id, failure.message);
    say(`Job ${id} was not cancelled. ${failure.message}`, true);
  }
}

async function showFailures(id, cursor) {
  const item = watched.get(id);
  const list = item.querySelector('.failures');
  const more = item.querySelector('.failures-more');
  try {
    const page = await api('GET', `/api/v1/jobs/${id}/failures?limit=50` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    if (!cursor) list.replaceChildren();
    for (const failure of page.failures) {
      const entry = document.createElement('li');
      entry.textContent = `photo ${failure.index + 1}: ${failure.url} — ${failure.message} (SQLState ${failure.code})`;
      list.append(entry);
    }
    if (!cursor && !page.failures.length) {
      const entry = document.createElement('li');
      entry.textContent = page.failureReason || 'No photo of this job was rejected.';
      list.append(entry);
    }
    more.hidden = !page.next;
    more.onclick = () => showFailures(id, page.next);
  }
  catch (failure) {
    showJobProblem(id, failure.message);
  }
}

let historyCursor = null;

async function showHistory(more) {
  try {
    const page = await api('GET', '/api/v1/jobs?limit=10' + (more && historyCursor ? '&cursor=' + encodeURIComponent(historyCursor) : ''));
    if (!more) $('history').replaceChildren();
    for (const job of page.jobs) {
      const entry = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Watch';
      button.addEventListener('click', () => watch(job.id));
      entry.append(button, `${job.createdAt} album ${job.albumId}: ${job.status}, ${job.photos.total.toLocaleString()} photos (${job.id})`);
      $('history').append(entry);
    }
    if (!more && !page.jobs.length) $('history').textContent = 'No jobs yet.';
    historyCursor = page.next;
    $('history-more').hidden = !page.next;
  }
  catch (failure) {
    say(failure.message, true);
  }
}

// ---- start ----------------------------------------------------------------

function showSource() {
  const sample = $('source-sample').checked;
  $('sample-fields').hidden = !sample;
  $('paste-fields').hidden = sample;
}

takeTokenFromAddress();
// a link with #token= opened in a tab that already shows the page changes only the hash
window.addEventListener('hashchange', takeTokenFromAddress);
$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('sluice.token', $('token').value.trim());
  say('Token set for this tab.');
});
$('submit-form').addEventListener('submit', submit);
$('source-paste').addEventListener('change', showSource);
$('source-sample').addEventListener('change', showSource);
$('history-load').addEventListener('click', () => showHistory(false));
$('history-more').addEventListener('click', () => showHistory(true));
showSource();
for (const id of (new URLSearchParams(location.search).get('jobs') || '').split(',').filter(Boolean)) {
  watch(id);
}
if (!token()) say('Paste a bearer token first.');
