// The run page: draws the plan's dependency graph from the run graph, keeps it live by polling the status endpoint
// until the run ends, and sends the control calls. Every URL comes from the page (with the key where keys are on).
(() => {
  'use strict';

  const config = JSON.parse(document.getElementById('run-config').textContent);
  const ENDED = new Set(['Completed', 'Failed', 'Canceled', 'Terminated']);
  const STEP_STATUSES = ['Pending', 'Running', 'WaitingToRetry', 'Succeeded', 'Failed', 'Skipped', 'Cancelled'];
  const STATUS_TEXT = {
    Pending: 'pending', Running: 'running', WaitingToRetry: 'waiting to retry', Succeeded: 'succeeded',
    Failed: 'failed', Skipped: 'skipped', Cancelled: 'cancelled',
  };
  const SVG = 'http://www.w3.org/2000/svg';
  const NODE_W = 216;
  const NODE_H = 60;
  const GAP_X = 24;
  const ROW_GAP = 18;
  const LAYER_GAP = 56;
  const MARGIN = 28;
  const POLL_MS = 1000;
  const WIDE = 24;

  const $ = (id) => document.getElementById(id);
  const svg = $('graph');

  let graph = null;
  let layoutKey = null;
  const nodes = new Map();
  let edges = [];
  let selectedId = null;
  let view = { x: 0, y: 0, w: 1000, h: 600 };
  let extent = { w: 1000, h: 600 };
  let lastSeen = null;
  let timer = null;
  let live = true;

  // ---- small helpers ----
  const withQuery = (url, name, value) => {
    const u = new URL(url, window.location.href);
    u.searchParams.set(name, value);
    return u.toString();
  };
  const fill = (url, placeholder, value) =>
    url.replace('{' + placeholder + '}', value).replace('%7B' + placeholder + '%7D', value);
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };
  const svgEl = (tag, attrs) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  };
  const time = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '–');
  const duration = (seconds) => {
    if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '';
    const s = Math.max(0, seconds);
    if (s < 1) return Math.round(s * 1000) + ' ms';
    if (s < 10) return s.toFixed(1) + ' s';
    if (s < 60) return Math.round(s) + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + Math.floor(s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  };
  const stepSeconds = (step) => {
    if (!step.startedTime) return null;
    const end = step.completedTime ? Date.parse(step.completedTime) : Date.now();
    return (end - Date.parse(step.startedTime)) / 1000;
  };
  const clip = (text, max) => (text.length > max ? text.slice(0, max - 1) + '…' : text);
  const pretty = (value) => JSON.stringify(value, null, 2);

  function say(text, isError) {
    const m = $('message');
    m.textContent = text;
    m.classList.toggle('error', !!isError);
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      if (body && body.error) return body.error + (body.details && body.details.length ? ': ' + body.details.map((d) => d.message).join('; ') : '');
    } catch (e) { /* not JSON */ }
    return response.status + ' ' + response.statusText;
  }

  // ---- status (polled) ----
  function showStatus(status) {
    const badge = $('run-status');
    badge.textContent = status.runtimeStatus;
    badge.className = 'badge status-' + status.runtimeStatus;
    const p = status.customStatus || {};
    const total = p.totalSteps || 0;
    const done = (p.completedSteps || 0) + (p.failedSteps || 0) + (p.skippedSteps || 0) + (p.cancelledSteps || 0);
    const bar = $('run-progress');
    bar.max = Math.max(total, 1);
    bar.value = done;
    const parts = [done + ' of ' + total + ' steps ended'];
    if (p.completedSteps) parts.push(p.completedSteps + ' succeeded');
    if (p.failedSteps) parts.push(p.failedSteps + ' failed');
    if (p.skippedSteps) parts.push(p.skippedSteps + ' skipped');
    if (p.cancelledSteps) parts.push(p.cancelledSteps + ' cancelled');
    $('progress-text').textContent = parts.join(' · ');
    $('run-created').textContent = time(status.createdTime);
    $('run-elapsed').textContent = duration(p.elapsedSeconds);
    $('run-current').textContent = p.currentStep || '–';
    const ended = ENDED.has(status.runtimeStatus);
    $('run-deadline').textContent = ended
      ? 'ended ' + time(status.lastUpdatedTime)
      : (p.remainingSeconds !== undefined ? 'in ' + duration(p.remainingSeconds) + ' (' + time(new Date(Date.now() + p.remainingSeconds * 1000).toISOString()) + ')' : '–');
    enableControls(status.runtimeStatus);
  }

  function enableControls(runtimeStatus) {
    const ended = ENDED.has(runtimeStatus);
    const suspended = runtimeStatus === 'Suspended';
    $('cancel').disabled = ended;
    $('suspend').disabled = ended || suspended;
    $('resume').disabled = !suspended;
    $('terminate').disabled = ended;
    $('raise').disabled = ended;
    const rewind = $('rewind');
    if (rewind) rewind.disabled = runtimeStatus !== 'Failed';
    const stepRaise = $('raise-for-step');
    if (stepRaise) stepRaise.disabled = ended;
  }

  async function poll() {
    timer = null;
    try {
      const response = await fetch(withQuery(config.statusQueryGetUri, 'showInput', 'false'), { cache: 'no-store' });
      if (response.status === 404) {
        stopLive();
        say('This run no longer exists: it was purged.', true);
        return;
      }
      if (!response.ok) throw new Error(await errorText(response));
      const status = await response.json();
      showStatus(status);
      const stamp = status.runtimeStatus + '|' + status.lastUpdatedTime;
      if (stamp !== lastSeen) {
        await loadGraph();
        lastSeen = stamp;
      } else if (graph) {
        updateDurations();
      }
      if (ENDED.has(status.runtimeStatus)) {
        stopLive();
        return;
      }
    } catch (e) {
      say('Could not read the run: ' + e.message, true);
    }
    if (live) timer = setTimeout(poll, POLL_MS);
  }

  function pollNow() {
    if (!live) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(poll, 0);
  }

  function stopLive() {
    live = false;
    $('live').hidden = true;
    document.body.dataset.live = 'false';
  }

  async function loadGraph() {
    const response = await fetch(config.graphUrl, { cache: 'no-store' });
    if (!response.ok) throw new Error(await errorText(response));
    graph = await response.json();
    render();
  }

  // ---- layout: layers from the server, order within a layer by the barycentre of the neighbours ----
  function layout(steps) {
    const byId = new Map(steps.map((s, i) => [s.id, { step: s, index: i }]));
    const dependents = new Map(steps.map((s) => [s.id, []]));
    for (const s of steps) for (const d of s.dependsOn) if (dependents.has(d)) dependents.get(d).push(s.id);
    const layers = [];
    steps.forEach((s) => (layers[s.layer] = layers[s.layer] || []).push(s.id));
    for (let i = 0; i < layers.length; i++) layers[i] = layers[i] || [];

    const centre = new Map();
    const place = () => layers.forEach((ids) => ids.forEach((id, i) => centre.set(id, i - (ids.length - 1) / 2)));
    place();
    const mean = (ids, fallback) => {
      const xs = ids.map((n) => centre.get(n)).filter((x) => x !== undefined);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : fallback;
    };
    for (let sweep = 0; sweep < 4; sweep++) {
      const down = sweep % 2 === 0;
      const order = down ? layers.slice(1) : layers.slice(0, -1).reverse();
      for (const ids of order) {
        const key = new Map(ids.map((id) => [id, mean(down ? byId.get(id).step.dependsOn : dependents.get(id), centre.get(id))]));
        ids.sort((a, b) => key.get(a) - key.get(b) || byId.get(a).index - byId.get(b).index);
        ids.forEach((id, i) => centre.set(id, i - (ids.length - 1) / 2));
      }
    }

    // A wide layer wraps into rows, so a fan-out of a thousand steps stays a block rather than a line.
    const positions = new Map();
    const cellW = NODE_W + GAP_X;
    const rowsOf = layers.map((ids) => {
      const cols = ids.length <= 24 ? Math.max(ids.length, 1) : Math.max(24, Math.ceil(Math.sqrt(ids.length) * 1.4));
      const rows = [];
      for (let i = 0; i < ids.length; i += cols) rows.push(ids.slice(i, i + cols));
      return rows;
    });
    const widest = Math.max(1, ...rowsOf.map((rows) => Math.max(0, ...rows.map((r) => r.length))));
    const width = widest * cellW - GAP_X + 2 * MARGIN;
    let y = MARGIN;
    rowsOf.forEach((rows) => {
      rows.forEach((row, r) => {
        const rowWidth = row.length * cellW - GAP_X;
        const x0 = (width - rowWidth) / 2;
        row.forEach((id, i) => positions.set(id, { x: x0 + i * cellW, y }));
        y += NODE_H + (r < rows.length - 1 ? ROW_GAP : 0);
      });
      y += LAYER_GAP;
    });
    return { positions, width, height: y - LAYER_GAP + MARGIN };
  }

  // ---- drawing ----
  function render() {
    $('run-name').textContent = graph.name;
    document.title = graph.name + ' · PlanFunctions';
    const goal = $('run-goal');
    goal.hidden = !graph.goal;
    goal.textContent = graph.goal ? 'Goal: ' + graph.goal : '';
    $('run-deadline').dataset.deadline = graph.deadline || '';

    const key = graph.steps.map((s) => s.id + ':' + s.layer).join(',');
    if (key !== layoutKey) {
      build(graph.steps);
      layoutKey = key;
    }
    for (const step of graph.steps) paint(step);
    svg.dataset.statuses = graph.steps.map((s) => s.id + '=' + s.status).join(' ');
    showFinal();
    if (selectedId) showDetails(selectedId);
  }

  function build(steps) {
    svg.replaceChildren();
    nodes.clear();
    edges = [];
    const { positions, width, height } = layout(steps);
    extent = { w: width, h: height };
    const defs = svgEl('defs');
    const marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '9', markerHeight: '9', markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
    marker.appendChild(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
    defs.appendChild(marker);
    svg.appendChild(defs);

    const edgeLayer = svgEl('g', { class: 'edges' });
    const nodeLayer = svgEl('g', { class: 'nodes' });
    svg.append(edgeLayer, nodeLayer);
    // A step with more than WIDE dependents (or dependencies) is joined to the block of them by one edge, not a
    // thousand: the block gets a frame, and the edge points at the frame.
    const dependents = new Map(steps.map((s) => [s.id, 0]));
    for (const s of steps) for (const d of s.dependsOn) if (dependents.has(d)) dependents.set(d, dependents.get(d) + 1);
    const layerOf = new Map(steps.map((s) => [s.id, s.layer]));
    const bundles = new Map();
    const curve = (x1, y1, x2, y2) => {
      const bend = Math.max(24, (y2 - y1) / 2);
      return `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`;
    };
    const addEdge = (d, from, to, members) => {
      const path = svgEl('path', { d, class: 'edge' + (members ? ' bundle' : ''), 'marker-end': 'url(#arrow)' });
      path.dataset.from = from;
      path.dataset.to = to;
      if (members) {
        path.dataset.members = ' ' + members.join(' ') + ' ';
        const tip = svgEl('title');
        tip.textContent = from + ' → ' + to + ' (' + members.length + ' steps)';
        path.appendChild(tip);
      }
      edgeLayer.appendChild(path);
      edges.push(path);
    };
    for (const step of steps) {
      const to = positions.get(step.id);
      for (const dep of step.dependsOn) {
        const from = positions.get(dep);
        if (!from) continue;
        if (dependents.get(dep) > WIDE) {
          const key = 'out ' + dep + ' ' + step.layer;
          (bundles.get(key) || bundles.set(key, { from: dep, to: null, ids: [] }).get(key)).ids.push(step.id);
        } else if (step.dependsOn.length > WIDE) {
          const key = 'in ' + step.id + ' ' + layerOf.get(dep);
          (bundles.get(key) || bundles.set(key, { from: null, to: step.id, ids: [] }).get(key)).ids.push(dep);
        } else {
          addEdge(curve(from.x + NODE_W / 2, from.y + NODE_H, to.x + NODE_W / 2, to.y - 2), dep, step.id);
        }
      }
    }
    const frames = new Set();
    for (const bundle of bundles.values()) {
      const ps = bundle.ids.map((id) => positions.get(id));
      const box = {
        x: Math.min(...ps.map((p) => p.x)) - 10, y: Math.min(...ps.map((p) => p.y)) - 10,
        r: Math.max(...ps.map((p) => p.x)) + NODE_W + 10, b: Math.max(...ps.map((p) => p.y)) + NODE_H + 10,
      };
      const frameKey = [box.x, box.y, box.r, box.b].join(',');
      if (!frames.has(frameKey)) {
        frames.add(frameKey);
        edgeLayer.appendChild(svgEl('rect', { class: 'bundle-frame', x: box.x, y: box.y, width: box.r - box.x, height: box.b - box.y, rx: '12' }));
      }
      const cx = (box.x + box.r) / 2;
      if (bundle.from) {
        const from = positions.get(bundle.from);
        addEdge(curve(from.x + NODE_W / 2, from.y + NODE_H, cx, box.y - 2), bundle.from, bundle.ids.length + ' steps', bundle.ids);
      } else {
        const to = positions.get(bundle.to);
        addEdge(curve(cx, box.b, to.x + NODE_W / 2, to.y - 2), bundle.ids.length + ' steps', bundle.to, bundle.ids);
      }
    }
    const list = $('step-ids');
    list.replaceChildren();
    for (const step of steps) {
      const p = positions.get(step.id);
      const g = svgEl('g', { class: 'step', transform: `translate(${p.x} ${p.y})`, tabindex: '0', role: 'button' });
      g.dataset.stepId = step.id;
      const rect = svgEl('rect', { width: NODE_W, height: NODE_H, rx: '9' });
      const bar = svgEl('rect', { class: 'status-bar', width: '6', height: NODE_H, rx: '3' });
      const title = svgEl('text', { class: 'step-id', x: '16', y: '21' });
      const meta = svgEl('text', { class: 'step-tool', x: '16', y: '38' });
      const state = svgEl('text', { class: 'step-state', x: '16', y: '53' });
      const tip = svgEl('title');
      title.textContent = clip(step.name ? step.id + ' · ' + step.name : step.id, 26);
      meta.textContent = clip(step.tool, 28);
      g.append(tip, rect, bar, title, meta, state);
      g.addEventListener('click', (e) => { if (!dragMoved) select(step.id); e.stopPropagation(); });
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(step.id); } });
      nodeLayer.appendChild(g);
      nodes.set(step.id, { g, state, tip, x: p.x, y: p.y });
      list.appendChild(el('option', { value: step.id }));
    }
    fitInitially();
  }

  function stateLine(step) {
    const parts = [STATUS_TEXT[step.status] || step.status];
    if (step.attempts > 1 || (step.attempts === 1 && step.status !== 'Succeeded')) parts.push(step.attempts + (step.attempts === 1 ? ' attempt' : ' attempts'));
    const secs = stepSeconds(step);
    if (secs !== null) parts.push(duration(secs));
    return parts.join(' · ');
  }

  function paint(step) {
    const node = nodes.get(step.id);
    if (!node) return;
    node.g.setAttribute('class', 'step status-' + step.status + (step.id === selectedId ? ' selected' : ''));
    node.g.dataset.status = step.status;
    node.g.dataset.attempts = String(step.attempts);
    node.state.textContent = stateLine(step);
    node.tip.textContent = step.id + ' (' + step.tool + '): ' + stateLine(step) + (step.error ? '\n' + step.error : '');
    node.g.setAttribute('aria-label', step.id + ', ' + step.tool + ', ' + stateLine(step));
  }

  function updateDurations() {
    for (const step of graph.steps) if (step.status === 'Running' || step.status === 'WaitingToRetry') paint(step);
  }

  function showFinal() {
    const ended = graph.outcome !== undefined && graph.outcome !== null;
    $('final').hidden = !ended;
    if (!ended) return;
    $('response').textContent = graph.response || '';
    const error = $('run-error');
    error.hidden = !graph.error;
    error.textContent = graph.error ? 'Error: ' + graph.error : '';
    $('final').dataset.outcome = graph.outcome;
    const outcome = $('run-outcome');
    outcome.textContent = graph.outcome === 'PartiallySucceeded' ? 'partially succeeded' : graph.outcome.toLowerCase();
    outcome.className = 'badge status-' + graph.outcome;
  }

  // ---- selection and details ----
  function select(id) {
    selectedId = id;
    for (const [stepId, node] of nodes) node.g.classList.toggle('selected', stepId === id);
    for (const edge of edges) {
      const members = edge.dataset.members;
      edge.classList.toggle('related', edge.dataset.from === id || edge.dataset.to === id || (!!members && members.includes(' ' + id + ' ')));
    }
    showDetails(id);
  }

  let detailsKey = null;
  function showDetails(id) {
    const step = graph && graph.steps.find((s) => s.id === id);
    const panel = $('details');
    // Drawn again only when the step changed, so a payload being typed survives the polls.
    const key = JSON.stringify(step || null);
    if (key === detailsKey) return;
    detailsKey = key;
    if (!step) {
      panel.replaceChildren(el('p', { class: 'hint' }, 'Select a step to see its parameters, output or error.'));
      return;
    }
    const items = [];
    const head = el('h2', {}, step.id);
    items.push(head);
    if (step.name) items.push(el('p', { class: 'step-name' }, step.name));
    if (step.description) items.push(el('p', { class: 'step-description' }, step.description));
    const facts = el('dl', { class: 'facts' });
    const fact = (name, value) => {
      const div = el('div');
      div.append(el('dt', {}, name));
      if (value instanceof Node) { const dd = el('dd'); dd.append(value); div.append(dd); } else div.append(el('dd', {}, value));
      facts.append(div);
    };
    fact('Status', el('span', { class: 'badge step-badge status-' + step.status, id: 'detail-status' }, STATUS_TEXT[step.status] || step.status));
    fact('Tool', step.tool);
    fact('Attempts', String(step.attempts));
    fact('Started', time(step.startedTime));
    fact('Ended', time(step.completedTime));
    const secs = stepSeconds(step);
    fact('Duration', secs === null ? '–' : duration(secs));
    if (step.dependsOn.length) {
      const deps = el('span');
      step.dependsOn.forEach((d, i) => {
        const a = el('a', { href: '#', class: 'step-link' }, d);
        a.addEventListener('click', (e) => { e.preventDefault(); select(d); centreOn(d); });
        if (i) deps.append(', ');
        deps.append(a);
      });
      fact('Depends on', deps);
    }
    if (step.condition) fact('Condition', step.condition);
    items.push(facts);

    if (step.tool === 'waitForEvent' && step.status === 'Running') {
      const eventName = step.parameters && step.parameters.eventName;
      const box = el('div', { class: 'raise-for-step' });
      const payload = el('input', { type: 'text', id: 'step-event-payload', placeholder: 'JSON payload (optional)', 'aria-label': 'Payload' });
      const button = el('button', { type: 'button', id: 'raise-for-step' }, "Raise '" + eventName + "'");
      button.addEventListener('click', () => raise(eventName, payload.value));
      box.append(el('p', {}, 'This step waits for the event ' + eventName + '.'), payload, button);
      items.push(box);
    }
    if (step.error) {
      items.push(el('h3', {}, 'Error'));
      items.push(el('pre', { class: 'error', id: 'detail-error' }, step.error));
    }
    if (step.output !== undefined && step.output !== null) {
      items.push(el('h3', {}, 'Output'));
      items.push(el('pre', { id: 'detail-output' }, pretty(step.output)));
    } else if (step.outputTruncated) {
      items.push(el('h3', {}, 'Output (too large to show whole; the first characters)'));
      items.push(el('pre', { id: 'detail-output' }, step.outputPreview));
    }
    items.push(el('h3', {}, 'Parameters'));
    items.push(el('pre', { id: 'detail-parameters' }, pretty(step.parameters || {})));
    panel.replaceChildren(...items);
    enableControls($('run-status').textContent);
  }

  // ---- control ----
  async function send(url, body, done) {
    try {
      const init = { method: 'POST', cache: 'no-store' };
      if (body !== undefined) {
        init.headers = { 'Content-Type': 'application/json' };
        init.body = body;
      }
      const response = await fetch(url, init);
      if (response.status === 202 || response.ok) say(done, false);
      else say(await errorText(response), true);
    } catch (e) {
      say('Could not reach the service: ' + e.message, true);
    }
    pollNow();
  }

  function raise(name, payloadText) {
    if (!name) { say('Name the event to raise.', true); return; }
    const text = (payloadText || '').trim();
    if (text) {
      try { JSON.parse(text); } catch (e) { say('The payload is not JSON: ' + e.message, true); return; }
    }
    send(fill(config.sendEventPostUri, 'eventName', encodeURIComponent(name)), text || undefined, "Event '" + name + "' raised.");
  }

  const reason = () => encodeURIComponent($('reason').value.trim());
  $('cancel').addEventListener('click', () => send(fill(config.sendEventPostUri, 'eventName', 'cancel'), undefined, 'Cancellation requested: running steps are being cancelled.'));
  $('terminate').addEventListener('click', () => send(fill(config.terminatePostUri, 'text', reason()), undefined, 'Termination requested.'));
  $('suspend').addEventListener('click', () => send(fill(config.suspendPostUri, 'text', reason()), undefined, 'Suspension requested: no new step starts.'));
  $('resume').addEventListener('click', () => send(fill(config.resumePostUri, 'text', reason()), undefined, 'Resumption requested.'));
  $('raise').addEventListener('click', () => raise($('event-name').value.trim(), $('event-payload').value));
  if ($('rewind')) {
    $('rewind').addEventListener('click', async () => {
      // The run goes on again: watch it live, as from the start.
      await send(fill(config.rewindPostUri, 'text', reason()), undefined, 'Rewind requested: the failed steps run again.');
      if (!live) {
        live = true;
        $('live').hidden = false;
        document.body.dataset.live = 'true';
        poll();
      }
    });
  }

  // ---- zoom and pan ----
  let dragMoved = false;
  function applyView() {
    svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    svg.dataset.zoom = (svg.clientWidth / view.w).toFixed(3);
  }
  function viewport() {
    return { w: Math.max(svg.clientWidth, 200), h: Math.max(svg.clientHeight, 200) };
  }
  function fit() {
    const vp = viewport();
    const scale = Math.min(vp.w / extent.w, vp.h / extent.h, 1.4);
    view = { w: vp.w / scale, h: vp.h / scale, x: 0, y: 0 };
    view.x = (extent.w - view.w) / 2;
    view.y = (extent.h - view.h) / 2;
    applyView();
  }
  function fitInitially() {
    const vp = viewport();
    const scale = Math.min(vp.w / extent.w, vp.h / extent.h);
    if (scale >= 0.55) { fit(); return; }
    // Too large to read whole: start readable at the top, where the run begins.
    const s = 0.8;
    view = { w: vp.w / s, h: vp.h / s, x: (extent.w - vp.w / s) / 2, y: 0 };
    applyView();
  }
  function zoom(factor, cx, cy) {
    const nw = Math.min(Math.max(view.w * factor, 150), Math.max(extent.w, extent.h) * 4);
    const f = nw / view.w;
    const px = cx === undefined ? view.x + view.w / 2 : cx;
    const py = cy === undefined ? view.y + view.h / 2 : cy;
    view = { x: px - (px - view.x) * f, y: py - (py - view.y) * f, w: view.w * f, h: view.h * f };
    applyView();
  }
  function centreOn(id) {
    const node = nodes.get(id);
    if (!node) return;
    if (svg.clientWidth / view.w < 0.6) { const vp = viewport(); view.w = vp.w / 0.9; view.h = vp.h / 0.9; }
    view.x = node.x + NODE_W / 2 - view.w / 2;
    view.y = node.y + NODE_H / 2 - view.h / 2;
    applyView();
  }
  function toGraph(clientX, clientY) {
    const r = svg.getBoundingClientRect();
    return { x: view.x + ((clientX - r.left) / r.width) * view.w, y: view.y + ((clientY - r.top) / r.height) * view.h };
  }
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const p = toGraph(e.clientX, e.clientY);
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    dragMoved = false;
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!dragMoved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!dragMoved) { dragMoved = true; svg.setPointerCapture(e.pointerId); svg.classList.add('dragging'); }
    const r = svg.getBoundingClientRect();
    view.x = drag.vx - (dx / r.width) * view.w;
    view.y = drag.vy - (dy / r.height) * view.h;
    applyView();
  });
  const endDrag = () => { drag = null; svg.classList.remove('dragging'); setTimeout(() => { dragMoved = false; }, 0); };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);
  $('zoom-in').addEventListener('click', () => zoom(1 / 1.3));
  $('zoom-out').addEventListener('click', () => zoom(1.3));
  $('zoom-fit').addEventListener('click', fit);
  const find = () => {
    const id = $('find-step').value.trim();
    if (nodes.has(id)) { select(id); centreOn(id); } else if (id) say("No step '" + id + "' in this plan.", true);
  };
  $('find-step').addEventListener('change', find);
  $('find-step').addEventListener('keydown', (e) => { if (e.key === 'Enter') find(); });

  // ---- legend ----
  const legend = $('legend');
  for (const status of STEP_STATUSES) {
    const item = el('span', { class: 'legend-item status-' + status }, STATUS_TEXT[status]);
    legend.append(item);
  }

  $('live').hidden = false;
  document.body.dataset.live = 'true';
  poll();
})();
