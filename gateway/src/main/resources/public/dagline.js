/*
 * The gateway's web page: a jobs list, and per job its DAG coloured by task state, live.
 * Plain browser JavaScript against the public /v1 API, so the page needs no build step and shows
 * nothing the API does not. Live updates come from the job's Server-Sent Events; they are read
 * with fetch rather than EventSource because EventSource cannot send the Authorization header.
 */
(function () {
  'use strict';

  const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'REJECTED']);
  const STATES = ['WAITING', 'READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'];
  const view = document.getElementById('view');
  let leaveView = () => {};

  // ---- API ---------------------------------------------------------------------------------

  function headers(extra) {
    const h = Object.assign({}, extra);
    const token = localStorage.getItem('dagline.token');
    if (token) h.Authorization = 'Bearer ' + token;
    return h;
  }

  async function api(path, options = {}) {
    const response = await fetch(path, Object.assign({}, options, { headers: headers({ Accept: 'application/json' }) }));
    if (response.status === 401) {
      askForToken();
      throw new ApiError(401, 'an API token is needed');
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, (body && body.message) || response.statusText);
    return body;
  }

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  /** Reads a text/event-stream response; calls onEvent(type, data) per event; resolves when the stream ends. */
  async function stream(path, onEvent, signal) {
    const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal });
    if (!response.ok || !response.body) throw new ApiError(response.status, 'no event stream');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let type = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) type = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length) onEvent(type, JSON.parse(data.join('\n')));
      }
    }
  }

  function askForToken() {
    const form = document.getElementById('token-form');
    form.hidden = false;
    form.onsubmit = event => {
      event.preventDefault();
      localStorage.setItem('dagline.token', document.getElementById('token').value.trim());
      form.hidden = true;
      route();
    };
  }

  // ---- helpers -----------------------------------------------------------------------------

  function html(strings, ...values) {
    return strings.reduce((out, s, i) => out + s + (i < values.length ? escape(values[i]) : ''), '');
  }

  function escape(value) {
    if (value instanceof Raw) return value.text;
    return String(value == null ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  class Raw { constructor(text) { this.text = text; } }
  const raw = text => new Raw(text);

  function finished(counts) {
    return counts.succeeded + counts.failed + counts.skipped + counts.cancelled;
  }

  function progressBar(job) {
    const total = Math.max(1, job.taskCount);
    const c = job.counts;
    let left = 0;
    const parts = [['succeeded', c.succeeded], ['failed', c.failed], ['skipped', c.skipped],
      ['cancelled', c.cancelled], ['running', c.running], ['ready', c.ready]].map(([state, n]) => {
      const width = 100 * n / total;
      const part = `<span style="left:${left}%;width:${width}%;background:var(--${state})"></span>`;
      left += width;
      return part;
    });
    return raw(`<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="${job.taskCount}"
      aria-valuenow="${finished(c)}">${parts.join('')}</div>`);
  }

  function duration(job) {
    if (!job.startedAt && !job.submittedAt) return '';
    const start = Date.parse(job.startedAt || job.submittedAt);
    const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
    const seconds = Math.max(0, (end - start) / 1000);
    return seconds < 120 ? seconds.toFixed(1) + ' s' : (seconds / 60).toFixed(1) + ' min';
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  // ---- jobs list ---------------------------------------------------------------------------

  function showJobs() {
    view.innerHTML = html`<h1>Jobs</h1><div id="jobs"><p class="muted">Loading…</p></div>`;
    let stopped = false;
    const refresh = async () => {
      if (stopped) return;
      try {
        const page = await api('/v1/jobs?limit=100');
        renderJobs(page.jobs || []);
      } catch (e) {
        document.getElementById('jobs').innerHTML = html`<p class="error">${e.message}</p>`;
      }
      if (!stopped) timer = setTimeout(refresh, 2000);
    };
    let timer = null;
    refresh();
    return () => { stopped = true; clearTimeout(timer); };
  }

  function renderJobs(jobs) {
    const target = document.getElementById('jobs');
    if (!target) return;
    if (!jobs.length) {
      target.innerHTML = html`<p class="muted">No jobs yet. Post one: <code>curl -X POST ${location.origin}/v1/jobs -H 'Content-Type: application/json' -d @job.json</code></p>`;
      return;
    }
    const rows = jobs.map(job => html`<tr class="job-row" data-job="${job.jobId}">
        <td><a href="#/jobs/${encodeURIComponent(job.jobId)}">${job.name || job.jobId}</a><br><small class="muted">${job.jobId}</small></td>
        <td><span class="badge ${job.state}">${job.state}</span></td>
        <td>${progressBar(job)}</td>
        <td class="num">${finished(job.counts)} / ${job.taskCount}</td>
        <td>${job.pool || ''}</td>
        <td>${when(job.submittedAt)}</td>
        <td class="num">${duration(job)}</td></tr>`).join('');
    target.innerHTML = html`<table><thead><tr><th>job</th><th>state</th><th>progress</th><th class="num">tasks</th>
      <th>pool</th><th>submitted</th><th class="num">duration</th></tr></thead><tbody>${raw(rows)}</tbody></table>`;
    target.querySelectorAll('tr.job-row').forEach(row =>
      row.addEventListener('click', event => {
        if (event.target.tagName !== 'A') location.hash = '#/jobs/' + encodeURIComponent(row.dataset.job);
      }));
  }

  // ---- one job -----------------------------------------------------------------------------

  function showJob(jobId) {
    const abort = new AbortController();
    const state = { jobId, job: null, tasks: new Map(), circles: new Map(), samples: [], selected: null };
    view.innerHTML = html`<h1 id="job-title">Job <small>${jobId}</small></h1>
      <div id="job-summary"></div>
      <div class="legend">${raw(STATES.map(s => `<span><i style="background:var(--${s.toLowerCase()})"></i>${s.toLowerCase()}</span>`).join(''))}</div>
      <div class="columns"><div class="dag" id="dag"><p class="muted">Loading…</p></div>
      <aside id="task-detail"><h2>Task</h2><p class="muted">Click a task in the graph.</p></aside></div>`;

    const load = async () => {
      const [job, list] = await Promise.all([
        api(`/v1/jobs/${encodeURIComponent(jobId)}`),
        api(`/v1/jobs/${encodeURIComponent(jobId)}/tasks`)]);
      updateTasks(state, list.tasks || []);
      updateJob(state, job);
    };

    const follow = async () => {
      while (!abort.signal.aborted && !(state.job && FINAL.has(state.job.state))) {
        try {
          await stream(`/v1/jobs/${encodeURIComponent(jobId)}/events`, (type, data) => {
            if (type === 'job') updateJob(state, data);
            if (type === 'tasks') updateTasks(state, Array.isArray(data) ? data : data.tasks || []);
          }, abort.signal);
        } catch (e) {
          if (abort.signal.aborted) return;
          await poll(jobId, state); // no stream (an older gateway, a proxy): fall back to reading
        }
      }
      if (!abort.signal.aborted) await poll(jobId, state); // the final picture, whatever the stream missed
    };

    load().then(follow).catch(e => {
      if (!abort.signal.aborted) view.insertAdjacentHTML('afterbegin', html`<p class="notice">${e.message}</p>`);
    });
    const ticker = setInterval(() => state.job && renderSummary(state), 1000);
    // The event stream's job events leave out which tasks wait for a site without executors: ask now and then.
    const waitingTicker = setInterval(() => {
      if (state.job && !FINAL.has(state.job.state)) {
        api(`/v1/jobs/${encodeURIComponent(jobId)}`).then(job => updateJob(state, job)).catch(() => {});
      }
    }, 5000);
    return () => { abort.abort(); clearInterval(ticker); clearInterval(waitingTicker); };
  }

  async function poll(jobId, state) {
    const [job, list] = await Promise.all([
      api(`/v1/jobs/${encodeURIComponent(jobId)}`),
      api(`/v1/jobs/${encodeURIComponent(jobId)}/tasks`)]);
    updateTasks(state, list.tasks || []);
    updateJob(state, job);
    if (!FINAL.has(job.state)) await new Promise(resolve => setTimeout(resolve, 1000));
  }

  function updateJob(state, job) {
    state.job = job;
    if (Array.isArray(job.waitingForExecutors)) state.waiting = job.waitingForExecutors;
    if (FINAL.has(job.state)) state.waiting = [];
    state.samples.push([Date.now(), finished(job.counts)]);
    while (state.samples.length > 2 && state.samples[0][0] < Date.now() - 10000) state.samples.shift();
    renderSummary(state);
  }

  function updateTasks(state, tasks) {
    let unseen = false;
    for (const task of tasks) {
      state.tasks.set(task.id, task);
      const circle = state.circles.get(task.id);
      if (circle) circle.setAttribute('data-state', task.state);
      else unseen = true;
    }
    // Right after submission the graph partitions are still being created: draw again as tasks appear.
    if (unseen) {
      state.circles = DaglineGraph.draw(document.getElementById('dag'), [...state.tasks.values()],
        id => selectTask(state.jobId, state, id));
    }
    if (state.selected && tasks.some(t => t.id === state.selected)) renderTask(state, state.tasks.get(state.selected));
  }

  function throughput(state) {
    const s = state.samples;
    if (s.length < 2 || FINAL.has(state.job.state)) {
      const seconds = state.job.startedAt && state.job.finishedAt
        ? (Date.parse(state.job.finishedAt) - Date.parse(state.job.startedAt)) / 1000 : 0;
      return seconds > 0 ? finished(state.job.counts) / seconds : 0;
    }
    const [t0, n0] = s[0];
    const [t1, n1] = s[s.length - 1];
    return t1 > t0 ? (n1 - n0) * 1000 / (t1 - t0) : 0;
  }

  function renderSummary(state) {
    const job = state.job;
    document.getElementById('job-title').innerHTML =
      html`${job.name || 'Job'} <span class="badge ${job.state}" id="job-state">${job.state}</span> <small>${job.jobId}</small>`;
    const c = job.counts;
    const pct = job.taskCount ? Math.floor(100 * finished(c) / job.taskCount) : 0;
    const failure = job.failedTaskId ? html`<p class="notice">Task <b>${job.failedTaskId}</b> failed after
      ${job.failedAttempts} attempt(s): <span class="error">${job.lastError || ''}</span></p>` : '';
    const waiting = (state.waiting || []).map(w => html`<p class="notice" data-waiting-site="${w.site}">
      ${w.tasks} ready task(s) wait at site <b>${w.site}</b>, which has no live executor, since ${when(w.since)}.</p>`).join('');
    const cancel = FINAL.has(job.state) ? '' : '<button class="danger" id="cancel">Cancel job</button>';
    document.getElementById('job-summary').innerHTML = html`${raw(failure)}${raw(waiting)}<div class="summary">
      ${progressBar(job)}
      <div class="stat"><b id="job-progress">${pct}%</b><span>${finished(c)} of ${job.taskCount} done</span></div>
      <div class="stat"><b>${c.running}</b><span>running</span></div>
      <div class="stat"><b>${c.ready}</b><span>ready</span></div>
      <div class="stat"><b>${c.failed}</b><span>failed</span></div>
      <div class="stat"><b>${throughput(state).toFixed(1)}/s</b><span>tasks finished</span></div>
      <div class="stat"><b>${duration(job)}</b><span>elapsed</span></div>
      <div class="stat"><b>${job.partitionCount}</b><span>graph partitions</span></div>
      ${raw(cancel)}</div>`;
    const button = document.getElementById('cancel');
    if (button) button.onclick = () => api(`/v1/jobs/${encodeURIComponent(job.jobId)}`, { method: 'DELETE' })
      .then(updated => updateJob(state, updated)).catch(e => alert(e.message));
  }

  async function selectTask(jobId, state, taskId) {
    state.selected = taskId;
    renderTask(state, state.tasks.get(taskId));
    try {
      const detail = await api(`/v1/jobs/${encodeURIComponent(jobId)}/tasks/${encodeURIComponent(taskId)}`);
      if (state.selected === taskId) renderTask(state, detail);
    } catch (e) {
      // an older gateway has no per-task endpoint; the list's view of the task stays
    }
  }

  function renderTask(state, task) {
    if (!task) return;
    const attempts = (task.attempts || []).map(a => html`<tr><td>${a.attempt}</td><td>${a.executorId || ''}</td>
      <td>${a.outcome || ''}</td><td class="error">${a.error || ''}</td></tr>`).join('');
    document.getElementById('task-detail').innerHTML = html`<h2>${task.id}</h2><dl>
      <dt>state</dt><dd><span class="badge ${task.state}">${task.state}</span></dd>
      <dt>attempt</dt><dd>${task.attempt}</dd>
      <dt>executor</dt><dd>${task.executorId || '—'}</dd>
      <dt>site</dt><dd>${task.site || '—'}</dd>
      <dt>ready</dt><dd>${when(task.readyAt)}</dd>
      <dt>started</dt><dd>${when(task.startedAt)}</dd>
      <dt>finished</dt><dd>${when(task.finishedAt)}</dd>
      <dt>depends on</dt><dd>${(task.dependencies || []).join(', ') || '—'}</dd>
      ${raw(task.error ? html`<dt>error</dt><dd class="error">${task.error}</dd>` : '')}</dl>
      ${raw(resultOf(task))}
      ${raw(attempts ? `<h2 style="margin-top:0.8rem">Attempts</h2><table>${attempts}</table>` : '')}`;
  }

  /** What the task produced: its inline result, or where a result kept elsewhere is. */
  function resultOf(task) {
    if (task.result != null) {
      return html`<h2 style="margin-top:0.8rem">Result</h2><pre class="result" id="task-result">${task.result}</pre>`;
    }
    if (task.resultRef) {
      const ref = task.resultRef;
      return html`<h2 style="margin-top:0.8rem">Result</h2><p class="result" id="task-result">${ref.uri}
        <span class="muted">(${ref.sizeBytes} bytes${ref.site ? ' at ' + ref.site : ''})</span></p>`;
    }
    return '';
  }

  // ---- routing -----------------------------------------------------------------------------

  function route() {
    leaveView();
    const match = location.hash.match(/^#\/jobs\/(.+)$/);
    leaveView = match ? showJob(decodeURIComponent(match[1])) : showJobs();
  }

  window.addEventListener('hashchange', route);
  route();
})();
