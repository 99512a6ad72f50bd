// The llmwatch dashboard. It reads only the public JSON API (/api/...), so any processor instance serves
// the same view of the whole cluster. Money arrives as exact decimal strings and is added exactly here too.
'use strict';

const REFRESH_MS = 5000;
const RANGES = { '15m': 15 * 60e3, '1h': 3600e3, '6h': 6 * 3600e3, '24h': 24 * 3600e3 };
const WINDOW_MS = { '1m': 60e3, '1h': 3600e3 };
const ISSUE_HORIZON_MS = 24 * 3600e3;
const $ = id => document.getElementById(id);

// ---- exact decimals --------------------------------------------------------------------------
const Dec = {
  parse(text) {
    const s = String(text ?? '0');
    const negative = s.startsWith('-');
    const [whole, fraction = ''] = s.replace('-', '').split('.');
    return { units: BigInt(whole + fraction) * (negative ? -1n : 1n), scale: fraction.length };
  },
  add(a, b) {
    const scale = Math.max(a.scale, b.scale);
    return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
  },
  sum(texts) { return texts.reduce((total, t) => Dec.add(total, Dec.parse(t)), Dec.parse('0')); },
  /** Rounded half-up to {@code scale} places, as a plain decimal string. */
  round(d, scale) {
    let units = d.units;
    if (d.scale > scale) {
      const divisor = 10n ** BigInt(d.scale - scale);
      const negative = units < 0n;
      const abs = negative ? -units : units;
      let q = abs / divisor;
      if ((abs % divisor) * 2n >= divisor) q += 1n;
      units = negative ? -q : q;
    } else {
      units = units * 10n ** BigInt(scale - d.scale);
    }
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : digits.slice(0, -scale) + '.' + digits.slice(-scale);
    return (negative ? '-' : '') + text;
  },
  toNumber(d) { return Number(Dec.round(d, Math.min(d.scale, 12))); },
};

// ---- formatting ------------------------------------------------------------------------------
const fmt = {
  usd: text => '$' + Dec.round(Dec.parse(text), 4),
  usdNumber: n => '$' + (n >= 1 ? n.toFixed(2) : n.toFixed(4)),
  count: n => String(n),
  ms: n => `${Math.round(n)} ms`,
  pct: r => (r === null || r === undefined) ? '–' : `${(r * 100).toFixed(2)}%`,
  quality: q => (q === null || q === undefined) ? '–' : q.toFixed(3),
  time: iso => iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '',
  /** A detector's figure: numbers to 4 significant digits, anything else as it is. */
  figure: v => (v === null || v === undefined || v === '') ? '–'
    : (isFinite(Number(v)) ? String(Number(Number(v).toPrecision(4))) : String(v)),
};

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// ---- API -------------------------------------------------------------------------------------
class Unavailable extends Error {}

// A processor with API tokens configured wants one: open the page once as /?token=TOKEN; it is kept for the tab.
const TOKEN_KEY = 'llmwatch.token';
(() => {
  const token = new URLSearchParams(location.search).get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.hash);
  }
})();

async function api(path) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  if (response.status === 401 || response.status === 403) {
    throw new Error('this processor needs an API token: open the page as /?token=YOUR_TOKEN');
  }
  if (response.status === 404) return null;
  if (response.status === 503) throw new Unavailable((await response.json()).error || 'unavailable');
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

let endpoints = new Set();
async function loadEndpoints() {
  try {
    const doc = await api('/api/openapi');
    endpoints = new Set(Object.keys((doc && doc.paths) || {}));
  } catch (e) { endpoints = new Set(); }
}
/** The first documented endpoint whose path contains every word, e.g. the drift report if this version has one. */
function endpointLike(...words) {
  return [...endpoints].find(path => words.every(w => path.includes(w))) || null;
}

// ---- range -----------------------------------------------------------------------------------
function currentRange() {
  const key = $('range').value;
  const length = RANGES[key];
  const window = length > RANGES['6h'] ? '1h' : '1m';
  const to = new Date();
  const from = new Date(Math.floor((to.getTime() - length) / WINDOW_MS[window]) * WINDOW_MS[window]);
  const previousTo = new Date(from.getTime() - 1);
  const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  return { window, from: from.toISOString(), to: to.toISOString(),
           previousFrom: previousFrom.toISOString(), previousTo: previousTo.toISOString() };
}

const query = params => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

// ---- overview --------------------------------------------------------------------------------
function setCard(metric, value, change, lowerIsBetter = true) {
  const card = document.querySelector(`.card[data-metric="${metric}"]`);
  card.querySelector('.value').textContent = value;
  const changeBox = card.querySelector('.change');
  changeBox.className = 'change';
  if (change === null || change === undefined || !isFinite(change)) {
    changeBox.textContent = 'vs previous: –';
    return;
  }
  const sign = change > 0 ? '+' : '';
  changeBox.textContent = `vs previous: ${sign}${(change * 100).toFixed(1)}%`;
  if (change !== 0) changeBox.classList.add((change > 0) === lowerIsBetter ? 'worse' : 'better');
}

const relativeChange = (now, before) => (before === null || before === undefined || before === 0) ? null : (now - before) / before;

function renderHealth(range, current, previous, quality) {
  const health = $('health');
  health.dataset.from = range.from;
  health.dataset.to = range.to;
  health.dataset.window = range.window;
  const t = current.totals, p = previous.totals;
  setCard('requests', fmt.count(t.calls), relativeChange(t.calls, p.calls), false);
  setCard('latencyP50', fmt.ms(t.latencyP50Ms), relativeChange(t.latencyP50Ms, p.latencyP50Ms));
  setCard('latencyP95', fmt.ms(t.latencyP95Ms), relativeChange(t.latencyP95Ms, p.latencyP95Ms));
  setCard('cost', fmt.usd(t.costUsd), relativeChange(Number(t.costUsd), Number(p.costUsd)));
  setCard('errorRate', fmt.pct(t.errorRate), relativeChange(t.errorRate, p.errorRate));
  setCard('quality', fmt.quality(quality.current), relativeChange(quality.current, quality.previous), false);
}

/** Percentiles hold for a whole window, so each is drawn as a step across its window. */
function renderLatency(range, overview) {
  const step = WINDOW_MS[range.window];
  const windows = overview.series;
  const times = windows.flatMap(f => [Date.parse(f.windowStart), Date.parse(f.windowStart) + step - 1]);
  const stepped = pick => windows.flatMap(f => f.calls ? [pick(f), pick(f)] : [null, null]);
  Charts.lines($('chart-latency'), {
    times,
    series: [
      { name: 'p50', values: stepped(f => f.latencyP50Ms) },
      { name: 'p95', values: stepped(f => f.latencyP95Ms) },
      { name: 'p99', values: stepped(f => f.latencyP99Ms) },
    ],
    format: v => `${Math.round(v)}`,
  });
}

const MAX_STACKED = 8;
function renderCostChart(range, rows) {
  const byKey = new Map();
  const times = [...new Set(rows.map(r => Date.parse(r.windowStart)))].sort((a, b) => a - b);
  rows.forEach(r => {
    if (!byKey.has(r.key)) byKey.set(r.key, { name: r.key, total: 0, values: new Array(times.length).fill(0) });
    const entry = byKey.get(r.key);
    const cost = Number(r.costUsd);
    entry.values[times.indexOf(Date.parse(r.windowStart))] += cost;
    entry.total += cost;
  });
  // The most expensive keys get a colour each; the rest are stacked together as "other".
  const ranked = [...byKey.values()].sort((a, b) => b.total - a.total);
  const series = ranked.slice(0, MAX_STACKED);
  if (ranked.length > MAX_STACKED) {
    const other = { name: 'other', values: new Array(times.length).fill(0) };
    ranked.slice(MAX_STACKED).forEach(s => s.values.forEach((v, i) => { other.values[i] += v; }));
    series.push(other);
  }
  Charts.stackedBars($('chart-cost'), { times, series, stepMs: WINDOW_MS[range.window], format: fmt.usdNumber });
}

/** Prompt versions seen in the range, from the cost rows of the prompt dimension: name → Set of keys. */
function promptNames(promptRows) {
  const names = new Set();
  promptRows.filter(r => r.key !== '(unset)').forEach(r => names.add(r.key.includes('@') ? r.key.slice(0, r.key.lastIndexOf('@')) : r.key));
  return [...names].sort();
}

/** Each prompt's versions with their quality per window of the range: name → /api/prompts/{name}/quality's versions. */
async function promptQuality(names, params) {
  const entries = await Promise.all(names.map(async name => {
    const answer = await api(`/api/prompts/${encodeURIComponent(name)}/quality?${query(params)}`);
    return [name, answer ? answer.versions : []];
  }));
  return new Map(entries);
}

/** Mean of every score in the range, each version's mean weighted by its number of scores. */
function averageQuality(qualityByName) {
  let weighted = 0, scores = 0;
  qualityByName.forEach(versions => versions.forEach(v => {
    if (v.averageQuality === null) return;
    weighted += v.averageQuality * v.scores;
    scores += v.scores;
  }));
  return scores === 0 ? null : weighted / scores;
}

/** One line per prompt version through its windows' mean quality, as the API returns them; gaps where a window has no score. */
function renderQuality(qualityByName) {
  const series = [];
  qualityByName.forEach((versions, name) => versions.filter(v => v.windows.length).forEach(v => series.push({
    name: `${name}@${v.version}`,
    byStart: new Map(v.windows.map(w => [Date.parse(w.windowStart), w.averageQuality])),
  })));
  const times = [...new Set(series.flatMap(s => [...s.byStart.keys()]))].sort((a, b) => a - b);
  Charts.lines($('chart-quality'), {
    times,
    series: series.map(s => ({ name: s.name, values: times.map(t => s.byStart.has(t) ? s.byStart.get(t) : null) })),
    format: v => v.toFixed(2),
    yMax: 1,
  });
}

function renderCostTable(dimension, rows, qualityByName) {
  const byKey = new Map();
  rows.forEach(r => {
    const entry = byKey.get(r.key) || { key: r.key, calls: 0, errors: 0, costs: [] };
    entry.calls += r.calls;
    entry.errors += r.errors;
    entry.costs.push(r.costUsd);
    byKey.set(r.key, entry);
  });
  const quality = key => {
    if (dimension !== 'prompt' || !key.includes('@')) return null;
    const name = key.slice(0, key.lastIndexOf('@')), version = key.slice(key.lastIndexOf('@') + 1);
    const found = (qualityByName.get(name) || []).find(v => v.version === version);
    return found ? found.averageQuality : null;
  };
  const body = $('cost-table').querySelector('tbody');
  const table = [...byKey.values()].map(e => ({ ...e, cost: Dec.sum(e.costs) }))
    .sort((a, b) => Dec.toNumber(b.cost) - Dec.toNumber(a.cost));
  body.innerHTML = table.map(e => {
    const costNumber = Dec.toNumber(e.cost);
    const perCall = e.calls ? costNumber / e.calls : null;
    const q = quality(e.key);
    const efficiency = (q === null || !perCall) ? null : q / perCall;
    return `<tr data-key="${escapeHtml(e.key)}"><td>${escapeHtml(e.key)}</td><td class="num">${e.calls}</td>`
      + `<td class="num">${fmt.usd(Dec.round(e.cost, 12))}</td><td class="num">${perCall === null ? '–' : '$' + perCall.toFixed(6)}</td>`
      + `<td class="num">${e.errors}</td><td class="num">${fmt.quality(q)}</td>`
      + `<td class="num">${efficiency === null ? '–' : efficiency.toFixed(1)}</td></tr>`;
  }).join('') || '<tr><td colspan="7">no calls in this range</td></tr>';
}

const SUMMARY_CHARS = 140;
const shorten = (text, max) => (text || '').length > max ? text.slice(0, max - 1) + '…' : (text || '');

const firing = alert => String(alert.status).toLowerCase() === 'firing';

function renderIssues(alerts) {
  const horizon = Date.now() - ISSUE_HORIZON_MS;
  const newestByKey = new Map();
  (alerts || []).forEach(a => { if (!newestByKey.has(a.dedupKey)) newestByKey.set(a.dedupKey, a); });
  const severityRank = { critical: 0, error: 1, high: 1, warning: 2, medium: 2, info: 3, low: 3 };
  const issues = [...newestByKey.values()]
    .filter(a => firing(a) || a.detectedAtMillis >= horizon)
    .sort((a, b) => (firing(a) ? 0 : 1) - (firing(b) ? 0 : 1)
      || (severityRank[String(a.severity).toLowerCase()] ?? 9) - (severityRank[String(b.severity).toLowerCase()] ?? 9)
      || b.detectedAtMillis - a.detectedAtMillis)
    .slice(0, 20);
  $('issues-table').querySelector('tbody').innerHTML = issues.map(a => {
    const traces = (a.exemplarTraceIds || []).slice(0, 3)
      .map(id => `<a href="#/trace/${encodeURIComponent(id)}" class="exemplar">${escapeHtml(id.slice(0, 8))}</a>`).join(' ');
    const evidence = `observed ${escapeHtml(fmt.figure(a.observed))} vs expected ${escapeHtml(fmt.figure(a.expected))}`
      + (a.score !== null && a.score !== undefined ? `, score ${escapeHtml(fmt.figure(a.score))}` : '')
      + `<br>window ${fmt.time(new Date(a.windowStartMillis).toISOString())} – ${fmt.time(new Date(a.windowEndMillis).toISOString())}`;
    return `<tr data-alert="${escapeHtml(a.alertId)}"><td><span class="badge ${escapeHtml(String(a.status).toLowerCase())}">${escapeHtml(a.status)}</span></td>`
      + `<td>${escapeHtml(a.type)}<br><small>${escapeHtml(a.severity)}</small></td>`
      + `<td>${escapeHtml(a.dimension)}=${escapeHtml(a.dimensionKey)}</td>`
      + `<td title="${escapeHtml(a.summary)}">${escapeHtml(shorten(a.summary, SUMMARY_CHARS))}</td>`
      + `<td class="evidence">${evidence}<br>${traces}</td></tr>`;
  }).join('') || '<tr><td colspan="5">no open or recent alerts</td></tr>';
}

async function refreshOverview() {
  const range = currentRange();
  const current = { window: range.window, from: range.from, to: range.to };
  const previous = { window: range.window, from: range.previousFrom, to: range.previousTo };
  const [overview, before, stacked, promptRows, tableRows, alerts] = await Promise.all([
    api(`/api/overview?${query(current)}`),
    api(`/api/overview?${query(previous)}`),
    api(`/api/cost?${query({ by: $('stack-by').value, ...current })}`),
    api(`/api/cost?${query({ by: 'prompt', ...current })}`),
    api(`/api/cost?${query({ by: $('cost-by').value, ...current })}`),
    api('/api/alerts?limit=200'),
  ]);
  const names = promptNames(promptRows || []);
  const [qualityByName, qualityBefore] = await Promise.all([promptQuality(names, current), promptQuality(names, previous)]);
  const quality = { current: averageQuality(qualityByName), previous: averageQuality(qualityBefore) };
  renderHealth(range, overview, before, quality);
  renderCostChart(range, stacked || []);
  renderLatency(range, overview);
  renderQuality(qualityByName);
  renderCostTable($('cost-by').value, tableRows || [], qualityByName);
  renderIssues(alerts);
}

// ---- prompts ---------------------------------------------------------------------------------
async function refreshPrompts() {
  const range = currentRange();
  const rows = await api(`/api/cost?${query({ by: 'prompt', window: range.window, from: range.from, to: range.to })}`);
  const select = $('prompt-name');
  const names = promptNames(rows || []);
  const chosen = select.value || names[0];
  select.innerHTML = names.map(n => `<option${n === chosen ? ' selected' : ''}>${escapeHtml(n)}</option>`).join('');
  if (!chosen) { $('prompt-versions').innerHTML = '<tr><td>no prompt used in this range</td></tr>'; return; }
  const versions = (await api(`/api/prompts/${encodeURIComponent(chosen)}/versions`)) || [];
  const metrics = [
    ['calls', v => v.calls], ['errors', v => v.errors], ['latency p50', v => fmt.ms(v.latencyP50Ms)],
    ['latency p95', v => fmt.ms(v.latencyP95Ms)], ['tokens / call', v => v.tokensPerCall.toFixed(1)],
    ['input tokens / call', v => v.inputTokensPerCall.toFixed(1)], ['output tokens / call', v => v.outputTokensPerCall.toFixed(1)],
    ['cost', v => fmt.usd(v.costUsd)], ['cost / call', v => v.costPerCallUsd === null ? '–' : '$' + Dec.round(Dec.parse(v.costPerCallUsd), 6)],
    ['scored calls', v => v.scoredCalls], ['avg quality', v => fmt.quality(v.averageQuality)],
    ['quality / $', v => v.qualityPerDollar === null ? '–' : v.qualityPerDollar.toFixed(1)],
    ['first seen', v => fmt.time(v.firstSeen)], ['last seen', v => fmt.time(v.lastSeen)],
  ];
  $('prompt-versions').innerHTML = `<thead><tr><th>version</th>${versions.map(v => `<th>${escapeHtml(v.version)}</th>`).join('')}</tr></thead>`
    + '<tbody>' + metrics.map(([label, value]) =>
      `<tr><td>${label}</td>${versions.map(v => `<td>${escapeHtml(value(v))}</td>`).join('')}</tr>`).join('') + '</tbody>';
  await renderDrift(chosen);
}

async function renderDrift(name) {
  const box = $('prompt-drift');
  const path = endpointLike('drift');
  if (!path) { box.textContent = 'This processor version has no drift report endpoint.'; return; }
  const report = await api(path.replace(/\{[^}]+\}/, encodeURIComponent(name)) + (path.includes('{') ? '' : `?prompt=${encodeURIComponent(name)}`));
  if (!report || (Array.isArray(report) && !report.length)) { box.textContent = 'No drift reported for this prompt.'; return; }
  const reports = [['versionChange', 'New version against the previous one'], ['overTime', "The current version's newest calls against its earlier ones"]]
    .filter(([key]) => report[key] && Array.isArray(report[key].indicators));
  if (!reports.length) { box.innerHTML = `<pre>${escapeHtml(JSON.stringify(report, null, 2))}</pre>`; return; }
  const version = v => v ? (v.number ?? (v.templateSha256 || '').slice(0, 12)) : '?';
  box.innerHTML = reports.map(([key, title]) => {
    const r = report[key];
    return `<h3>${escapeHtml(title)} <small>(${escapeHtml(version(r.before))} → ${escapeHtml(version(r.after))})</small></h3>`
      + '<table class="drift-table"><thead><tr><th>indicator</th><th class="num">median before</th><th class="num">median after</th>'
      + '<th class="num">samples</th><th class="num">Cliff\'s δ</th><th class="num">p-value</th><th>verdict</th></tr></thead><tbody>'
      + r.indicators.map(i => `<tr data-indicator="${escapeHtml(i.indicator)}"><td>${escapeHtml(i.indicator)}</td>`
        + `<td class="num">${escapeHtml(i.medianBefore)}</td><td class="num">${escapeHtml(i.medianAfter)}</td>`
        + `<td class="num">${i.samplesBefore} / ${i.samplesAfter}</td><td class="num">${fmt.figure(i.effectSize)}</td>`
        + `<td class="num">${fmt.figure(i.pValue)}</td>`
        + `<td>${i.moved ? `<span class="badge ${i.worse ? 'firing' : 'resolved'}">${i.worse ? 'worse' : 'moved'} (${escapeHtml(i.direction)})</span>` : 'steady'}</td></tr>`).join('')
      + '</tbody></table>';
  }).join('');
}

// ---- traces ----------------------------------------------------------------------------------
const toLocalInput = iso => iso.substring(0, 19);
const fromLocalInput = value => value ? new Date(value + 'Z').toISOString() : null;

async function loadKnownUsers() {
  const range = currentRange();
  const rows = await api(`/api/cost?${query({ by: 'user', window: range.window, from: range.from, to: range.to })}`);
  const users = [...new Set((rows || []).map(r => r.key))].sort();
  $('known-users').innerHTML = users.map(u => `<option value="${escapeHtml(u)}">`).join('');
  if (!$('trace-from').value) {
    $('trace-from').value = toLocalInput(range.from);
    $('trace-to').value = toLocalInput(range.to);
  }
}

async function searchTraces(event) {
  if (event) event.preventDefault();
  const params = { user: $('trace-user').value, limit: 100 };
  const from = fromLocalInput($('trace-from').value), to = fromLocalInput($('trace-to').value);
  if (from) params.from = from;
  if (to) params.to = to;
  const traces = (await api(`/api/traces?${query(params)}`)) || [];
  $('trace-results').querySelector('tbody').innerHTML = traces.map(t =>
    `<tr data-trace="${escapeHtml(t.traceId)}"><td>${fmt.time(t.start)}</td>`
    + `<td><a href="#/trace/${encodeURIComponent(t.traceId)}">${escapeHtml(t.traceId.slice(0, 12))}…</a></td>`
    + `<td>${escapeHtml(t.rootName)}</td><td class="num">${t.spanCount}</td><td class="num">${fmt.ms(t.latencyMs)}</td>`
    + `<td class="num">${fmt.usd(t.costUsd)}</td><td class="num">${t.errors}</td></tr>`).join('')
    || '<tr><td colspan="7">no traces of this user in this period</td></tr>';
}

function flatten(nodes, depth, out) {
  nodes.forEach(node => { out.push({ node, depth }); flatten(node.children || [], depth + 1, out); });
  return out;
}

/** Captured content and scores are shown only when the API returns them: by default nothing is captured. */
function spanDetail(node) {
  const parts = [];
  if (node.scores) parts.push('scores: ' + Object.entries(node.scores).map(([k, v]) => `${k}=${v}`).join(', '));
  if (node.content) parts.push(typeof node.content === 'string' ? node.content : JSON.stringify(node.content, null, 2));
  if (node.error) parts.push('error: ' + node.error);
  return parts.length ? `<div class="span-detail">${escapeHtml(parts.join('\n'))}</div>` : '';
}

async function openTrace(traceId) {
  const trace = await api(`/api/traces/${encodeURIComponent(traceId)}`);
  $('trace-view').hidden = false;
  if (!trace) { $('trace-title').textContent = `Trace ${traceId} not found`; $('trace-tree').innerHTML = ''; $('trace-totals').textContent = ''; return; }
  const start = Date.parse(trace.start), total = Math.max(trace.latencyMs, 1);
  $('trace-title').textContent = `Trace ${trace.traceId} · ${trace.user || ''} · ${fmt.time(trace.start)}`;
  $('trace-tree').innerHTML = flatten(trace.roots || [], 0, []).map(({ node, depth }) => {
    const left = Math.max(0, (Date.parse(node.start) - start) / total * 100);
    const width = Math.max(0.4, node.latencyMs / total * 100);
    return `<div class="span-row${node.error ? ' error' : ''}" data-depth="${depth}" data-kind="${escapeHtml(node.kind)}" data-span="${escapeHtml(node.spanId)}">`
      + `<div class="span-name" style="padding-left:${depth * 18}px">${depth ? '└ ' : ''}${escapeHtml(node.name)}<span class="kind">${escapeHtml(node.kind)}</span></div>`
      + `<div class="timeline"><div class="bar" style="left:${left.toFixed(2)}%;width:${Math.min(width, 100 - left).toFixed(2)}%"></div></div>`
      + `<div class="span-model">${escapeHtml(node.model || '')}${node.prompt ? '<br><small>' + escapeHtml(node.prompt) + '</small>' : ''}</div>`
      + `<div class="span-tokens">${node.inputTokens || node.outputTokens ? `${node.inputTokens} → ${node.outputTokens} tok` : ''}</div>`
      + `<div class="span-cost num">${node.costUsd === null ? 'unpriced' : '$' + Dec.round(Dec.parse(node.costUsd), 6)}</div>`
      + `<div class="span-latency num">${fmt.ms(node.latencyMs)}</div>${spanDetail(node)}</div>`;
  }).join('');
  window.scrollTo(0, 0);
  $('trace-totals').innerHTML = `Total: <span data-total="latency">${fmt.ms(trace.latencyMs)}</span> · `
    + `<span data-total="cost">${fmt.usd(trace.costUsd)}</span> · ${trace.spanCount} spans · ${trace.llmCalls} LLM calls · `
    + `${trace.inputTokens} → ${trace.outputTokens} tokens${trace.droppedSpans ? ` · ${trace.droppedSpans} spans not kept` : ''}`;
}

// ---- routing and refresh ---------------------------------------------------------------------
function route() {
  const hash = location.hash || '#/';
  const view = hash.startsWith('#/trace') ? 'traces' : hash.startsWith('#/prompts') ? 'prompts' : 'overview';
  document.querySelectorAll('.view').forEach(section => { section.hidden = section.id !== `view-${view}`; });
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === view));
  return { view, traceId: hash.startsWith('#/trace/') ? decodeURIComponent(hash.slice('#/trace/'.length)) : null };
}

let refreshing = false;
async function refresh() {
  if (refreshing) return;
  refreshing = true;
  const status = $('status');
  try {
    const { view, traceId } = route();
    if (view === 'overview') await refreshOverview();
    if (view === 'prompts') await refreshPrompts();
    if (view === 'traces') { await loadKnownUsers(); if (traceId) await openTrace(traceId); }
    status.textContent = `updated ${new Date().toISOString().substring(11, 19)} UTC`;
    status.className = 'status';
    document.body.dataset.loaded = 'true';
  } catch (e) {
    status.textContent = e instanceof Unavailable ? `waiting: ${e.message}` : `error: ${e.message}`;
    status.className = 'status error';
  } finally {
    refreshing = false;
  }
}

function live() {
  const { view } = route();
  if ($('live').checked && view !== 'traces') refresh();
}

window.addEventListener('hashchange', refresh);
['range', 'stack-by', 'cost-by', 'prompt-name'].forEach(id => $(id).addEventListener('change', refresh));
$('trace-search').addEventListener('submit', e => searchTraces(e).catch(err => { $('status').textContent = `error: ${err.message}`; }));
loadEndpoints().then(refresh);
setInterval(live, REFRESH_MS);
