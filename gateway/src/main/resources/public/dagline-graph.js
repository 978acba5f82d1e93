/*
 * Lays a job's DAG out in layers, left to right: a task's layer is the length of the longest path
 * from a root to it, so every edge points right. Within a layer, tasks are ordered by the mean
 * position of their dependencies (one barycentre pass), which removes most crossings of the
 * fan-out/fan-in shapes workflows have, at a cost linear in the edges.
 */
(function (global) {
  'use strict';

  const MAX_LABELLED = 120;
  const MAX_EDGES_DRAWN = 6000;

  function layers(tasks) {
    const byId = new Map(tasks.map(t => [t.id, t]));
    const layer = new Map();
    const pending = new Map();
    const children = new Map();
    for (const t of tasks) {
      const deps = (t.dependencies || []).filter(d => byId.has(d));
      pending.set(t.id, deps.length);
      for (const d of deps) {
        if (!children.has(d)) children.set(d, []);
        children.get(d).push(t.id);
      }
    }
    const queue = tasks.filter(t => pending.get(t.id) === 0).map(t => t.id);
    queue.forEach(id => layer.set(id, 0));
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const child of children.get(id) || []) {
        layer.set(child, Math.max(layer.get(child) || 0, layer.get(id) + 1));
        pending.set(child, pending.get(child) - 1);
        if (pending.get(child) === 0) queue.push(child);
      }
    }
    // A graph the gateway accepted has no cycle; anything left over is drawn in a last layer.
    const last = Math.max(0, ...layer.values()) + 1;
    tasks.forEach(t => { if (!layer.has(t.id)) layer.set(t.id, last); });
    return layer;
  }

  function layout(tasks) {
    const layer = layers(tasks);
    const columns = [];
    for (const t of tasks) {
      const l = layer.get(t.id);
      (columns[l] = columns[l] || []).push(t);
    }
    const row = new Map();
    columns.forEach((column, l) => {
      if (l > 0) {
        const key = t => {
          const deps = (t.dependencies || []).filter(d => row.has(d));
          return deps.length ? deps.reduce((s, d) => s + row.get(d), 0) / deps.length : 0;
        };
        column.sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : 1));
      } else {
        column.sort((a, b) => (a.id < b.id ? -1 : 1));
      }
      column.forEach((t, i) => row.set(t.id, (i + 0.5) / column.length));
    });
    const tallest = Math.max(1, ...columns.map(c => c.length));
    const size = tasks.length > 2000 ? 5 : tasks.length > 300 ? 8 : 12;
    const gapY = size * 2.4;
    const gapX = tasks.length <= MAX_LABELLED ? 130 : Math.max(40, size * 8);
    const height = Math.max(120, tallest * gapY + 40);
    const width = Math.max(300, columns.length * gapX + 60);
    const nodes = new Map();
    for (const t of tasks) {
      nodes.set(t.id, {
        task: t,
        x: 40 + layer.get(t.id) * gapX,
        y: 20 + row.get(t.id) * (height - 40),
        r: size / 2 + (tasks.length <= MAX_LABELLED ? 3 : 0),
      });
    }
    return { nodes, width, height, labelled: tasks.length <= MAX_LABELLED };
  }

  const SVG = 'http://www.w3.org/2000/svg';

  function element(name, attributes) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
    return e;
  }

  /** Draws the DAG into container; returns a map task id → circle, whose data-state the caller updates. */
  function draw(container, tasks, onSelect) {
    const { nodes, width, height, labelled } = layout(tasks);
    const svg = element('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': `DAG of ${tasks.length} tasks` });
    const edges = element('g', { class: 'edges' });
    let drawn = 0;
    for (const { task, x, y } of nodes.values()) {
      for (const d of task.dependencies || []) {
        const from = nodes.get(d);
        if (!from || drawn >= MAX_EDGES_DRAWN) continue;
        const mid = (from.x + x) / 2;
        edges.appendChild(element('path', { class: 'edge', d: `M${from.x},${from.y} C${mid},${from.y} ${mid},${y} ${x},${y}` }));
        drawn++;
      }
    }
    svg.appendChild(edges);
    const circles = new Map();
    const group = element('g', { class: 'tasks' });
    for (const { task, x, y, r } of nodes.values()) {
      const circle = element('circle', { class: 'task', cx: x, cy: y, r, 'data-task': task.id, 'data-state': task.state });
      const title = element('title', {});
      title.textContent = task.id;
      circle.appendChild(title);
      circle.addEventListener('click', () => onSelect(task.id));
      group.appendChild(circle);
      circles.set(task.id, circle);
      if (labelled) {
        const label = element('text', { class: 'label', x: x + r + 3, y: y + 3 });
        label.textContent = task.id.length > 16 ? task.id.slice(0, 15) + '…' : task.id;
        group.appendChild(label);
      }
    }
    svg.appendChild(group);
    container.replaceChildren(svg);
    return circles;
  }

  global.DaglineGraph = { layers, layout, draw };
})(window);
