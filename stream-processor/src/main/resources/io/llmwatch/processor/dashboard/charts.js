// Small SVG charts for the dashboard: stacked bars over time and lines over time. No library, no build step.
'use strict';
const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 480, H = 200, PAD = { left: 48, right: 8, top: 8, bottom: 22 };
  const PALETTE = ['#6ea8fe', '#e5796b', '#5cc98b', '#c9a35c', '#9b7be0', '#5cc9c0', '#e07bb5', '#a3b35c', '#7b8be0', '#e0a07b'];

  function color(i) { return PALETTE[i % PALETTE.length]; }

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function frame(container, kind) {
    container.innerHTML = '';
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', 'data-chart': kind }, container);
    return svg;
  }

  function empty(container, kind, message) {
    const svg = frame(container, kind);
    el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, svg).textContent = message;
  }

  function timeLabel(ms) {
    const d = new Date(ms);
    return d.toISOString().substring(11, 16);
  }

  function axes(svg, tMin, tMax, yMax, format) {
    const x = t => PAD.left + (tMax === tMin ? 0 : (t - tMin) / (tMax - tMin)) * (W - PAD.left - PAD.right);
    const y = v => H - PAD.bottom - (yMax === 0 ? 0 : v / yMax) * (H - PAD.top - PAD.bottom);
    el('line', { x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom, class: 'axis' }, svg);
    el('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom, class: 'axis' }, svg);
    [0, 0.5, 1].forEach(f => {
      el('text', { x: PAD.left - 4, y: y(yMax * f) + 3, 'text-anchor': 'end' }, svg).textContent = format(yMax * f);
    });
    (tMax === tMin ? [tMin] : [tMin, (tMin + tMax) / 2, tMax]).forEach((t, i) => {
      el('text', { x: x(t), y: H - 6, 'text-anchor': ['start', 'middle', 'end'][i] }, svg).textContent = timeLabel(t);
    });
    return { x, y };
  }

  function legend(container, names) {
    const box = document.createElement('div');
    box.className = 'legend';
    names.forEach((name, i) => {
      const item = document.createElement('span');
      item.innerHTML = `<i style="background:${color(i)}"></i>`;
      item.appendChild(document.createTextNode(name));
      box.appendChild(item);
    });
    container.appendChild(box);
  }

  /** times: window starts (ms, ascending); series: [{name, values}] with one value per time; stepMs: window size. */
  function stackedBars(container, { times, series, stepMs, format }) {
    if (!times.length || !series.length) { empty(container, 'stacked', 'no data in this range'); return; }
    const totals = times.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
    const svg = frame(container, 'stacked');
    const tMax = times[times.length - 1] + stepMs;
    const { x, y } = axes(svg, times[0], tMax, Math.max(...totals) || 1, format);
    times.forEach((t, i) => {
      let base = 0;
      const width = Math.max(1, x(t + stepMs) - x(t) - 1);
      series.forEach((s, k) => {
        const v = s.values[i] || 0;
        if (v <= 0) return;
        const rect = el('rect', { x: x(t), y: y(base + v), width, height: Math.max(0.5, y(base) - y(base + v)),
          fill: color(k), class: 'bar' }, svg);
        el('title', {}, rect).textContent = `${timeLabel(t)} ${s.name}: ${format(v)}`;
        base += v;
      });
    });
    legend(container, series.map(s => s.name));
  }

  /** times: ms ascending; series: [{name, values}] where a value may be null (a gap). */
  function lines(container, { times, series, format, yMax }) {
    const values = series.flatMap(s => s.values).filter(v => v !== null && v !== undefined);
    if (times.length < 1 || !values.length) { empty(container, 'lines', 'no data in this range'); return; }
    const svg = frame(container, 'lines');
    const { x, y } = axes(svg, times[0], times[times.length - 1], yMax || Math.max(...values) || 1, format);
    series.forEach((s, k) => {
      const points = s.values.map((v, i) => (v === null || v === undefined) ? null : `${x(times[i])},${y(v)}`);
      const d = points.reduce((path, p, i) => p === null ? path : path + (i === 0 || points[i - 1] === null ? 'M' : 'L') + p, '');
      if (d) el('path', { d, fill: 'none', stroke: color(k), 'stroke-width': 1.5, class: 'line' }, svg);
      // Each point carries its series, time and exact value, so what is drawn can be checked against its source.
      points.forEach((p, i) => {
        if (!p) return;
        const [cx, cy] = p.split(',');
        const point = el('circle', { cx, cy, r: 1.8, fill: color(k), class: 'point', 'data-series': s.name,
          'data-time': new Date(times[i]).toISOString(), 'data-value': String(s.values[i]) }, svg);
        el('title', {}, point).textContent = `${timeLabel(times[i])} ${s.name}: ${format(s.values[i])}`;
      });
    });
    legend(container, series.map(s => s.name));
  }

  return { stackedBars, lines };
})();
