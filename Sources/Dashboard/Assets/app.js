// Zhibiao dashboard: plain JavaScript, no framework, no CDN. Talks to the public API of the
// same origin. Views are chosen by the URL hash: #/ (overview), #/indicator/CODE, #/documents,
// #/documents/ID; the region, category, search and year ride along as hash parameters.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const TOKEN_KEY = 'zhibiao.token';
const CATEGORIES = {
  overall: ['综合', 'Overall'], rd_input: ['研发投入', 'R&D input'], industry: ['产业', 'Industry'],
  enterprises: ['企业', 'Enterprises'], platforms: ['平台', 'Platforms'], projects: ['项目', 'Projects'],
  policy: ['政策', 'Policy'], transfer: ['成果转化', 'Technology transfer'],
};
const STATUS = {
  final: ['最终', 'final'], provisional: ['初步', 'provisional'], estimated: ['估计', 'estimated'],
  withdrawn: ['已撤回', 'withdrawn'], met: ['已完成', 'met'], on_track: ['进度正常', 'on track'],
  behind: ['滞后', 'behind'], no_data: ['无数据', 'no data'], proposed: ['待审', 'proposed'],
  accepted: ['已采纳', 'accepted'], rejected: ['已驳回', 'rejected'], mapped: ['已映射', 'mapped'],
  attention: ['需复核', 'attention'], missing: ['待补充', 'missing'],
};
const UNITS = ['yuan', 'count', 'percent', 'index', 'rank', 'per_1000_enterprises', 'per_10k_people', 'percentage_points'];
const PALETTE = ['#7c3aed', '#0f766e', '#b45309', '#be185d', '#4d7c0f', '#e11d48', '#9f1239', '#0891b2',
  '#a16207', '#475569', '#15803d', '#c2410c', '#a855f7'];

const REGION_KEY = 'zhibiao.region';
const LEVELS = {
  nation: ['全国', 'nation'], province: ['省级', 'province'], city: ['地市', 'city'], district: ['区', 'district'],
  county: ['县市', 'county'], zone: ['园区', 'zone'],
};
// Regions are asked for as needed (there are 3,600): `regionInfo` holds GET /regions/{code} answers,
// `regionNames` every region seen in any answer, for labels.
const state = { regionInfo: new Map(), regionNames: new Map(), indicators: new Map(), renderID: 0 };
const $ = (id) => document.getElementById(id);

// ---------- DOM helpers (no innerHTML: the page's CSP allows no inline style or script) ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Chinese label with the English beside it. */
function bi(zh, en) {
  return [zh, ' ', h('small', { lang: 'en' }, en)];
}

function badge(status) {
  const [zh, en] = STATUS[status] || [status, status];
  return h('span', { class: `badge ${status}`, title: en }, `${zh} ${en}`);
}

function setStatus(text, isError) {
  const el = $('status');
  el.textContent = text || '';
  el.className = isError ? 'status error' : 'status';
}

// ---------- API ----------

class APIError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

async function api(path, options) {
  let response;
  try {
    response = await fetch(path, Object.assign({ headers: { Accept: 'application/json' } }, options || {}));
  } catch (e) {
    throw new APIError(0, `网络错误 network error: ${e.message}`);
  }
  if (!response.ok) {
    let detail = `HTTP ${response.status}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (e) { /* not JSON */ }
    throw new APIError(response.status, detail);
  }
  return response.status === 204 ? null : response.json();
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

// ---------- Formatting ----------

function trim(n, digits) {
  return Number(n.toFixed(digits)).toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

function countWord(indicator) {
  const code = (indicator && indicator.code) || '';
  const name = (indicator && indicator.name_zh) || '';
  if (/enterprise|smes|企业/.test(code + name)) return '家';
  if (/project|项目/.test(code + name)) return '项';
  return '个';
}

/** A value in the Chinese way: 20.05亿元, 483万元, 3.34%, 104家, 第4位. */
function fmt(value, unit, indicator) {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  switch (unit) {
    case 'yuan':
      if (abs >= 1e8) return `${trim(value / 1e8, 2)}亿元`;
      if (abs >= 1e4) return `${trim(value / 1e4, 2)}万元`;
      return `${trim(value, 2)}元`;
    case 'percent': return `${trim(value, 2)}%`;
    case 'percentage_points': return `${trim(value, 2)}个百分点`;
    case 'count': return `${trim(value, 0)}${countWord(indicator)}`;
    case 'rank': return `第${trim(value, 0)}位`;
    case 'per_1000_enterprises': return `${trim(value, 2)}家/千家`;
    default: return trim(value, 2);
  }
}

/** Short axis labels: 亿 and 万 without the unit word. */
function fmtAxis(value, unit, max) {
  if (unit === 'yuan' && max >= 1e8) return `${trim(value / 1e8, 1)}亿`;
  if (unit === 'yuan' && max >= 1e4) return `${trim(value / 1e4, 0)}万`;
  if (unit === 'percent') return `${trim(value, 1)}%`;
  return trim(value, max < 10 ? 1 : 0);
}

/** 2026-11-27T16:51:20.135953Z → 2026-11-27 16:51 (UTC). */
function fmtTime(rfc3339) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(rfc3339 || '');
  return m ? `${m[1]} ${m[2]} UTC` : (rfc3339 || '');
}

function periodLabel(period) {
  if (!period) return '';
  let m = /^(\d{4})-Q(\d)$/.exec(period);
  if (m) return `${m[1]}年1–${m[2] * 3}月累计 (${period} YTD)`;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年1–${Number(m[2])}月累计 (${period} YTD)`;
  return `${period}年 (year)`;
}

/** The period a change is measured against: the previous year, or the same YTD period a year before. */
function previousPeriod(period) {
  const m = /^(\d{4})(.*)$/.exec(period || '');
  return m ? `${Number(m[1]) - 1}${m[2]}` : null;
}

function delta(indicator, current, previous) {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const unit = indicator.unit;
  let text; let diff = current - previous;
  if (unit === 'percent' || unit === 'percentage_points') text = `${diff >= 0 ? '+' : ''}${trim(diff, 2)}个百分点`;
  else if (unit === 'rank') text = diff === 0 ? '名次不变' : `${diff < 0 ? '↑' : '↓'}${trim(Math.abs(diff), 0)}位`;
  else if (previous !== 0) text = `${diff >= 0 ? '+' : ''}${trim(diff / Math.abs(previous) * 100, 1)}%`;
  else text = `${diff >= 0 ? '+' : ''}${fmt(diff, unit, indicator)}`;
  const better = indicator.higher_is_better === false ? -diff : diff;
  return { text, cls: diff === 0 ? 'flat' : better > 0 ? 'good' : 'bad' };
}

// ---------- Hash routing ----------

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  const params = Object.fromEntries(new URLSearchParams(qs || ''));
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params };
}

function hashFor(parts, params) {
  return `#/${parts.map(encodeURIComponent).join('/')}${query(params)}`;
}

function go(parts, params) {
  const next = hashFor(parts, params);
  if (location.hash === next) render(); else location.hash = next;
}

/** The region to show: the hash's, else the one chosen last in this browser, else the first province. */
async function currentRegion(params) {
  for (const code of [params.region, localStorage.getItem(REGION_KEY)]) {
    if (code && await regionInfo(code)) return code;
  }
  const first = await api('/regions?level=province&limit=1');
  return first.data && first.data.length ? first.data[0].code : '';
}

// ---------- Regions: lookups, the picker and the hierarchy ----------

function remember(regions) {
  for (const r of regions || []) if (r && r.code) state.regionNames.set(r.code, r);
}

/** GET /regions/{code}, cached; null for an unknown code. */
async function regionInfo(code) {
  if (state.regionInfo.has(code)) return state.regionInfo.get(code);
  let info = null;
  try {
    info = await api(`/regions/${encodeURIComponent(code)}`);
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  state.regionInfo.set(code, info);
  if (info) remember([info, info.parent_region, ...(info.ancestors || []), ...(info.children || [])]);
  return info;
}

/** Makes sure the names of these regions are known before a table shows them. */
async function knowNames(codes) {
  const missing = [...new Set(codes)].filter((c) => c && !state.regionNames.has(c)).slice(0, 50);
  await Promise.all(missing.map((c) => regionInfo(c).catch(() => null)));
}

function regionLabel(code) {
  const r = state.regionNames.get(code);
  return r ? `${r.name_zh} ${r.name_en}` : code;
}

function regionNameZh(code) {
  const r = state.regionNames.get(code);
  return r ? r.name_zh : code;
}

/** The region box: a combobox over GET /regions?q=, whose options show each match's parent and level. */
const picker = {
  timer: null, items: [], active: -1, asked: 0,

  input() { return $('region'); },
  list() { return $('region-options'); },

  show(code) {
    const input = picker.input();
    input.value = code ? regionLabel(code) : '';
    input.dataset.code = code || '';
  },

  close() {
    picker.list().hidden = true;
    picker.input().setAttribute('aria-expanded', 'false');
    picker.input().removeAttribute('aria-activedescendant');
    picker.active = -1;
  },

  async search(text) {
    const asked = ++picker.asked;
    const target = text ? `/regions${query({ q: text, limit: 30 })}` : '/regions?level=province&limit=100';
    let answer;
    try {
      answer = await api(target);
    } catch (e) {
      setStatus(`地区搜索失败 Region search failed: ${e.message}`, true);
      return;
    }
    // An answer to an older keystroke is dropped.
    if (asked !== picker.asked || document.activeElement !== picker.input()) return;
    picker.items = answer.data || [];
    remember(picker.items);
    const list = picker.list();
    list.textContent = '';
    picker.items.forEach((r, i) => {
      const [zh, en] = LEVELS[r.level] || [r.level, r.level];
      list.append(h('li', { id: `region-option-${i}`, role: 'option', 'aria-selected': 'false', 'data-code': r.code,
        onmousedown: (e) => { e.preventDefault(); picker.pick(i); } },
      r.name_zh, ' ', h('small', { lang: 'en' }, r.name_en), ' ',
      h('span', { class: 'where' }, [r.parent_name_zh, `${zh} ${en}`, r.code].filter(Boolean).join(' · '))));
    });
    if (!picker.items.length) list.append(h('li', { class: 'none', 'aria-disabled': 'true' }, '没有匹配的地区 No matching region'));
    const more = (answer.total || 0) - picker.items.length;
    if (text && more > 0) list.append(h('li', { class: 'none', 'aria-disabled': 'true' }, `另有 ${more} 个，请输入更多 ${more} more: keep typing`));
    list.hidden = false;
    picker.input().setAttribute('aria-expanded', 'true');
    if (picker.items.length) picker.move(0);
  },

  move(to) {
    const options = [...picker.list().querySelectorAll('li[data-code]')];
    if (!options.length) return;
    picker.active = (to + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute('aria-selected', i === picker.active ? 'true' : 'false'));
    picker.input().setAttribute('aria-activedescendant', options[picker.active].id);
    options[picker.active].scrollIntoView({ block: 'nearest' });
  },

  pick(i) {
    const r = picker.items[i];
    picker.close();
    if (r) choose(r.code);
  },

  attach() {
    const input = picker.input();
    input.addEventListener('focus', () => { input.select(); picker.search(''); });
    input.addEventListener('input', () => {
      clearTimeout(picker.timer);
      picker.timer = setTimeout(() => picker.search(input.value.trim()), 150);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (picker.list().hidden) picker.search(input.value.trim());
        else picker.move(picker.active + (e.key === 'ArrowDown' ? 1 : -1));
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (!picker.list().hidden && picker.active >= 0) picker.pick(picker.active);
      } else if (e.key === 'Escape') {
        picker.close();
        picker.show(input.dataset.code);
      }
    });
    input.addEventListener('blur', () => { picker.close(); picker.show(input.dataset.code); });
  },
};

function choose(code) {
  localStorage.setItem(REGION_KEY, code);
  const { parts, params } = parseHash();
  go(parts.length && parts[0] !== 'documents' ? parts : [], Object.assign({}, params, { region: code }));
}

/** 全国 › 浙江省 › 杭州市 › 临安区, then the region's sub-regions and zones as links. */
function renderCrumbs(info, parts, params) {
  const nav = $('crumbs');
  nav.textContent = '';
  if (!info) return;
  const link = (r) => h('a', { href: hashFor(parts, Object.assign({}, params, { region: r.code })) }, r.name_zh);
  nav.append(h('button', { type: 'button', class: 'link', onclick: () => picker.input().focus() },
    '全国 ', h('small', { lang: 'en' }, 'All provinces')));
  for (const r of [...(info.ancestors || []), info]) {
    nav.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, '›'));
    const a = link(r);
    a.append(' ', h('small', { lang: 'en' }, r.name_en));
    if (r.code === info.code) a.setAttribute('aria-current', 'location');
    nav.append(a);
  }
  const kids = info.children || [];
  const divisions = kids.filter((k) => k.level !== 'zone');
  const zones = kids.filter((k) => k.level === 'zone');
  if (divisions.length) nav.append(h('span', { class: 'children' }, h('span', { class: 'muted' }, '下级 Sub-regions:'), divisions.map(link)));
  if (zones.length) nav.append(h('span', { class: 'children' }, h('span', { class: 'muted' }, '园区 Zones:'), zones.map(link)));
  if ((info.child_count || 0) > kids.length) nav.append(h('span', { class: 'muted' }, `… ${info.child_count}`));
}

// ---------- Charts ----------

function sparkline(indicator, series) {
  const years = series.filter((o) => /^\d{4}$/.test(o.period) && o.value !== null)
    .map((o) => ({ x: Number(o.period), y: o.value }));
  const quarters = series.filter((o) => /^\d{4}-Q\d$/.test(o.period) && o.value !== null)
    .map((o) => ({ x: Number(o.period.slice(0, 4)) - 1 + Number(o.period.slice(6)) / 4, y: o.value, p: o.period }));
  const lastYear = quarters.length ? Math.floor(Math.max(...quarters.map((q) => q.x)) + 0.999) : null;
  const ytd = quarters.filter((q) => q.x > lastYear - 1);
  const points = years.concat(ytd);
  const W = 240; const H = 48; const pad = 4;
  const label = `${indicator.name_zh} 年度走势 yearly trend` +
    (years.length ? `: ${years.map((p) => `${p.x} ${fmt(p.y, indicator.unit, indicator)}`).join(', ')}` : '') +
    (ytd.length ? `; ${ytd.map((q) => `${q.p} ${fmt(q.y, indicator.unit, indicator)}`).join(', ')} (YTD)` : '');
  const svg = s('svg', { class: 'spark', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label });
  if (points.length === 0) return svg;
  const xs = points.map((p) => p.x); const ys = points.map((p) => p.y);
  const x0 = Math.min(...xs); const x1 = Math.max(...xs);
  const y0 = Math.min(...ys); const y1 = Math.max(...ys);
  const X = (x) => (x1 === x0 ? W / 2 : pad + (x - x0) / (x1 - x0) * (W - 2 * pad));
  const Y = (y) => (y1 === y0 ? H / 2 : H - pad - (y - y0) / (y1 - y0) * (H - 2 * pad));
  svg.append(s('title', {}, label));
  if (years.length > 1) svg.append(s('polyline', { class: 'line', points: years.map((p) => `${X(p.x)},${Y(p.y)}`).join(' ') }));
  for (const p of years) svg.append(s('circle', { class: 'dot', cx: X(p.x), cy: Y(p.y), r: 2.5 }));
  if (ytd.length > 1) svg.append(s('polyline', { class: 'ytd', points: ytd.map((p) => `${X(p.x)},${Y(p.y)}`).join(' ') }));
  for (const p of ytd) svg.append(s('circle', { class: 'qdot', cx: X(p.x), cy: Y(p.y), r: 2.5 }));
  return svg;
}

function lineChart(indicator, seriesByRegion, mainCode, width) {
  const W = Math.round(Math.max(320, Math.min(720, width || 720))); const H = W < 500 ? 260 : 320;
  const L = 56; const R = 24; const T = 16; const B = 36;
  const all = [...seriesByRegion.values()].flat();
  const xs = all.map((p) => p.x); const ys = all.map((p) => p.y);
  const title = `${indicator.name_zh} ${indicator.name_en}: 地区比较 comparison of regions`;
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title }, s('title', {}, title));
  if (all.length === 0) {
    svg.append(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'tick' }, '暂无年度数据 No yearly data'));
    return svg;
  }
  const x0 = Math.min(...xs); const x1 = Math.max(...xs);
  const y0 = Math.min(0, ...ys); const y1 = Math.max(...ys) || 1;
  const X = (x) => (x1 === x0 ? (L + W - R) / 2 : L + (x - x0) / (x1 - x0) * (W - L - R));
  const Y = (y) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  for (let i = 0; i <= 4; i += 1) {
    const v = y0 + (y1 - y0) * i / 4;
    svg.append(s('line', { class: 'axis', x1: L, x2: W - R, y1: Y(v), y2: Y(v) }));
    svg.append(s('text', { class: 'tick', x: L - 6, y: Y(v) + 4, 'text-anchor': 'end' }, fmtAxis(v, indicator.unit, y1)));
  }
  const step = Math.max(1, Math.ceil((x1 - x0 + 1) / Math.floor((W - L - R) / 48)));
  for (let year = x0; year <= x1; year += step) {
    svg.append(s('text', { class: 'tick', x: X(year), y: H - 12, 'text-anchor': 'middle' }, String(year)));
  }
  const entries = [...seriesByRegion.entries()].sort((a, b) => (a[0] === mainCode) - (b[0] === mainCode));
  for (const [code, points] of entries) {
    const color = colorFor(code, mainCode);
    const name = regionLabel(code);
    const g = s('g', {});
    if (points.length > 1) {
      g.append(s('polyline', { class: code === mainCode ? 'series main' : 'series', stroke: color,
        points: points.map((p) => `${X(p.x)},${Y(p.y)}`).join(' ') }));
    }
    for (const p of points) {
      g.append(s('circle', { cx: X(p.x), cy: Y(p.y), r: code === mainCode ? 4 : 2.5, fill: color },
        s('title', {}, `${name} ${p.x}: ${fmt(p.y, indicator.unit, indicator)}`)));
    }
    svg.append(g);
  }
  return svg;
}

function colorFor(code, mainCode) {
  if (code === mainCode) return '#0b5cad';
  // The regions of the chart on screen, in code order: each keeps its colour between renders.
  const siblings = (state.compared || []).filter((c) => c !== mainCode);
  return PALETTE[Math.max(0, siblings.indexOf(code)) % PALETTE.length];
}

function progressBar(row) {
  const achieved = Math.max(0, Math.min(1, row.achieved_ratio || 0));
  const svg = s('svg', { class: 'bar', viewBox: '0 0 100 16', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    s('rect', { class: 'track', x: 0, y: 2, width: 100, height: 12, rx: 3 }),
    s('rect', { class: `fill ${row.status}`, x: 0, y: 2, width: achieved * 100, height: 12, rx: 3 }));
  if (row.expected_ratio !== null && row.expected_ratio !== undefined) {
    const x = Math.max(0.5, Math.min(99.5, row.expected_ratio * 100));
    svg.append(s('line', { class: 'pace', x1: x, x2: x, y1: 0, y2: 16 }));
  }
  return svg;
}

// ---------- Overview ----------

async function renderOverview(id, params) {
  setStatus('加载中… Loading…');
  const region = await currentRegion(params);
  const info = region ? await regionInfo(region) : null;
  if (id !== state.renderID) return;
  const category = params.category || '';
  const q = params.q || '';
  picker.show(region);
  $('category').value = category;
  if (document.activeElement !== $('q')) $('q').value = q;
  renderCrumbs(info, [], params);

  const list = await api(`/indicators${query({ region, derived: 'false', category, q })}`);
  if (id !== state.renderID) return;
  const indicators = list.data || [];
  const years = indicators.map((i) => Number(String(i.latest_period || '').slice(0, 4))).filter(Boolean);
  const year = Number(params.year) || (years.length ? Math.max(...years) : new Date().getFullYear());
  const codes = indicators.map((i) => i.code);
  const [obs, progress] = await Promise.all([
    codes.length ? api(`/observations${query({ indicator: codes.join(','), region, limit: 10000 })}`) : { data: [] },
    api(`/progress${query({ region, year })}`),
  ]);
  if (id !== state.renderID) return;
  const byIndicator = new Map();
  for (const o of obs.data || []) {
    if (!byIndicator.has(o.indicator)) byIndicator.set(o.indicator, []);
    byIndicator.get(o.indicator).push(o);
  }
  const progressBy = new Map((progress.data || []).map((p) => [p.indicator, p]));
  const view = $('view');
  view.textContent = '';
  const cards = h('ul', { class: 'cards', id: 'cards' });
  const empty = indicators.filter((i) => !i.latest);
  for (const indicator of indicators.filter((i) => i.latest)) {
    cards.append(card(indicator, byIndicator.get(indicator.code) || [], progressBy.get(indicator.code), region));
  }
  const rest = empty.length ? h('details', { class: 'panel empty-list' },
    h('summary', {}, `暂无数据的指标 (${empty.length}) `, h('small', { lang: 'en' }, 'Indicators without data')),
    h('ul', {}, empty.map((i) => h('li', {}, h('a', { href: hashFor(['indicator', i.code], { region }) }, i.name_zh),
      ' ', h('small', { lang: 'en' }, i.name_en))))) : null;
  view.append(h('div', { class: 'layout' },
    h('section', { 'aria-labelledby': 'cards-title' },
      h('h2', { id: 'cards-title' }, `${info ? info.name_zh : region} 指标 `,
        h('small', { lang: 'en' }, `Indicators of ${info ? info.name_en : region}`)),
      indicators.length > empty.length ? cards : h('p', { class: 'muted' }, indicators.length
        ? '所选地区暂无数据 No data for this region yet' : '没有符合条件的指标 No matching indicators'), rest),
    targetsPanel(progress, year, params)));
  const withData = indicators.filter((i) => i.latest).length;
  setStatus(`${indicators.length} 项指标，${withData} 项有数据 · ${indicators.length} indicators, ${withData} with data`);
  document.body.dataset.ready = 'overview';
}

function card(indicator, series, progressRow, region) {
  const latest = indicator.latest;
  const prevCode = latest ? previousPeriod(latest.period) : null;
  let prev = prevCode ? series.find((o) => o.period === prevCode && o.kind === 'actual') : null;
  let against = latest && /Q|-/.test(latest.period) ? '较上年同期 YoY' : '较上年 vs prev. year';
  if (!prev && latest && indicator.aggregation === 'last' && /Q|-/.test(latest.period)) {
    // A stock or a ratio: a part year compares with the end of the year before.
    prev = series.find((o) => o.period === String(Number(latest.period.slice(0, 4)) - 1) && o.kind === 'actual');
    against = '较上年末 vs end of prev. year';
  }
  const change = latest && prev ? delta(indicator, latest.value, prev.value) : null;
  const href = hashFor(['indicator', indicator.code], { region });
  return h('li', { class: latest ? 'card' : 'card empty', 'data-indicator': indicator.code },
    h('h3', {}, h('a', { href }, indicator.name_zh, h('span', { class: 'en', lang: 'en' }, indicator.name_en))),
    h('div', { class: 'value' }, latest ? fmt(latest.value, indicator.unit, indicator) : '—'),
    h('div', { class: 'period' }, latest ? periodLabel(latest.period) : '暂无数据 No data yet'),
    h('div', { class: 'row' },
      change ? h('span', { class: `delta ${change.cls}` }, change.text, h('small', {}, ` ${against}`)) : null,
      latest ? badge(latest.status) : null,
      progressRow ? badge(progressRow.status) : null),
    sparkline(indicator, series));
}

function targetsPanel(progress, year, params) {
  const now = new Date().getFullYear();
  const select = h('select', { id: 'year', name: 'year', onchange: (e) => go([], Object.assign({}, params, { year: e.target.value })) });
  for (let y = now + 1; y >= now - 8; y -= 1) select.append(h('option', { value: y, selected: y === year }, `${y}`));
  if (![...select.options].some((o) => Number(o.value) === year)) select.append(h('option', { value: year, selected: true }, `${year}`));
  const rows = progress.data || [];
  const list = h('ul', { class: 'progress' });
  for (const row of rows) {
    const indicator = state.indicators.get(row.indicator) || { code: row.indicator, unit: row.unit, name_zh: row.name_zh };
    const pct = row.achieved_ratio === null || row.achieved_ratio === undefined ? '—' : `${trim(row.achieved_ratio * 100, 1)}%`;
    const pace = row.expected_ratio === null || row.expected_ratio === undefined ? null : `${trim(row.expected_ratio * 100, 0)}%`;
    const bound = row.bound === 'max' ? '≤' : row.bound === 'min' ? '≥' : '';
    list.append(h('li', { 'data-indicator': row.indicator },
      h('div', { class: 'head' }, h('a', { href: hashFor(['indicator', row.indicator], { region: progress.region }) }, row.name_zh,
        ' ', h('small', { lang: 'en' }, row.name_en)), badge(row.status)),
      progressBar(row),
      h('div', { class: 'nums' },
        `完成 ${fmt(row.actual, row.unit, indicator)} / 目标 ${bound}${fmt(row.target, row.unit, indicator)} · ${pct}`,
        pace ? ` · 应达 expected pace ${pace}` : '',
        row.actual_period ? ` (${row.actual_period})` : '')));
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'targets-title' },
    h('h2', { id: 'targets-title' }, '年度目标 ', h('small', { lang: 'en' }, 'Targets')),
    h('div', { class: 'field' }, h('label', { for: 'year' }, '年度 ', h('small', { lang: 'en' }, 'Year')), select),
    rows.length ? list : h('p', { class: 'muted' }, `${year} 年暂无目标 No targets for ${year}`),
    rows.length ? h('p', { class: 'note' }, '竖线为本季度应达进度 The vertical mark is the expected pace for the current quarter; ',
      '绿 met · 蓝 on track · 橙 behind') : null);
}

// ---------- Indicator page ----------

async function renderIndicator(id, code, params) {
  setStatus('加载中… Loading…');
  const region = await currentRegion(params);
  const info = await regionInfo(region);
  if (id !== state.renderID) return;
  picker.show(region);
  renderCrumbs(info, ['indicator', code], params);
  const indicator = state.indicators.get(code) || await api(`/indicators/${encodeURIComponent(code)}`);
  const parent = info && info.parent_region ? await regionInfo(info.parent_region.code) : null;
  // Siblings of the same kind: districts and counties with each other, zones with zones.
  const isZone = info && info.level === 'zone';
  const compared = parent ? (parent.children || []).filter((r) => (r.level === 'zone') === isZone).map((r) => r.code) : [region];
  if (!compared.includes(region)) compared.push(region);
  state.compared = compared;
  const [yearly, own] = await Promise.all([
    api(`/indicators/${encodeURIComponent(code)}/observations${query({ region: compared.join(','), frequency: 'year', limit: 10000 })}`),
    api(`/indicators/${encodeURIComponent(code)}/observations${query({ region, kind: 'all', limit: 10000 })}`),
  ]);
  if (id !== state.renderID) return;
  const seriesByRegion = new Map();
  for (const o of yearly.data || []) {
    if (o.value === null) continue;
    if (!seriesByRegion.has(o.region)) seriesByRegion.set(o.region, []);
    seriesByRegion.get(o.region).push({ x: Number(o.period), y: o.value });
  }
  for (const points of seriesByRegion.values()) points.sort((a, b) => a.x - b.x);
  const csv = `/indicators/${encodeURIComponent(code)}/observations${query({ region: compared.join(','), format: 'csv' })}`;
  const view = $('view');
  view.textContent = '';
  const legend = h('ul', { class: 'legend', 'aria-label': '图例 Legend' });
  for (const c of [...seriesByRegion.keys()].sort((a, b) => (b === region) - (a === region))) {
    legend.append(h('li', {}, s('svg', { viewBox: '0 0 14 10', 'aria-hidden': 'true' }, s('rect', { width: 14, height: 10, fill: colorFor(c, region) })),
      ' ', regionLabel(c)));
  }
  const rows = (own.data || []).slice().sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : a.kind.localeCompare(b.kind)));
  const tbody = h('tbody', {});
  for (const o of rows) {
    const provRow = h('tr', { class: 'prov', hidden: true }, h('td', { colspan: 7 }, h('div', { class: 'prov-box' })));
    const button = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false',
      onclick: () => toggleProvenance(button, provRow, indicator, o) }, '来源 Source');
    tbody.append(h('tr', {},
      h('td', {}, o.period), h('td', {}, o.kind === 'target' ? '目标 target' : '实际 actual'),
      h('td', { class: 'num' }, `${o.bound === 'max' ? '≤' : o.bound === 'min' ? '≥' : ''}${fmt(o.value, indicator.unit, indicator)}`),
      h('td', {}, badge(o.status)), h('td', { class: 'num' }, o.revision),
      h('td', { class: 'wide' }, sourceSummary(o.source)), h('td', {}, button)), provRow);
  }
  view.append(
    h('h2', {}, indicator.name_zh, ' ', h('small', { lang: 'en' }, indicator.name_en)),
    h('p', { class: 'muted' }, `${regionLabel(region)} · 单位 unit: ${indicator.unit}`,
      indicator.description ? ` · ${indicator.description}` : ''),
    h('p', { class: 'actions' }, h('a', { href: hashFor([], { region }) }, '← 返回总览 Back to overview'), ' · ',
      h('a', { href: csv, download: `${code}.csv` }, '下载 CSV Download CSV')),
    h('h3', {}, `与同级地区比较（年度） `, h('small', { lang: 'en' }, 'Compared with sibling regions (yearly)')),
    lineChart(indicator, seriesByRegion, region, view.clientWidth), legend,
    h('h3', {}, `${regionNameZh(region)} 全部数值 `, h('small', { lang: 'en' }, 'All values, quarters year-to-date')),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': '数值表 Values' },
      h('table', { id: 'values' },
        h('thead', {}, h('tr', {}, ['期间 Period', '类型 Kind', '数值 Value', '状态 Status', '修订 Rev.', '来源 Source', '']
          .map((t, i) => h('th', { scope: 'col', class: i === 5 ? 'wide' : null }, t)))),
        tbody)),
    rows.length ? null : h('p', { class: 'muted' }, '暂无数据 No data yet'));
  setStatus(`${rows.length} 个数值 values · ${seriesByRegion.size} 个地区 regions compared`);
  document.body.dataset.ready = 'indicator';
}

function sourceSummary(source) {
  if (!source) return '';
  if (source.type === 'document') return `文档 document #${source.document}`;
  if (source.type === 'user') return `用户 user ${source.token}`;
  return `系统 system ${source.name || ''}`;
}

async function toggleProvenance(button, row, indicator, o) {
  const open = row.hidden;
  row.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  const box = row.querySelector('.prov-box');
  if (!open || box.dataset.loaded) return;
  box.dataset.loaded = '1';
  box.append(h('p', { class: 'muted' }, '加载中… Loading…'));
  const parts = [];
  if (o.source && o.source.type === 'document') {
    try {
      const doc = await api(`/documents/${encodeURIComponent(o.source.document)}`);
      parts.push(h('div', {}, h('strong', {}, `来源文档 Source document: ${doc.title || `#${doc.id}`}`),
        doc.publisher ? ` · ${doc.publisher}` : '', doc.published_on ? ` · ${doc.published_on}` : ''),
      h('blockquote', {}, quoteAround(doc.text || '', o.source.start, o.source.end)));
    } catch (e) {
      parts.push(h('p', { class: 'muted' }, e.status === 404
        ? `文档 #${o.source.document}（第 ${o.source.start}–${o.source.end} 字）：文档接口尚未提供 The documents endpoint is not available yet.`
        : `文档无法加载 Could not load the document: ${e.message}`));
    }
  } else if (o.source && o.source.type === 'user') {
    parts.push(h('p', {}, `由 ${o.source.token} 于 ${fmtTime(o.updated_at)} 录入 · Entered by ${o.source.token} at ${fmtTime(o.updated_at)}`));
  }
  try {
    const path = `/indicators/${encodeURIComponent(o.indicator)}/observations/${encodeURIComponent(o.region)}/${encodeURIComponent(o.period)}/revisions`;
    const history = await api(path + query({ kind: o.kind, scope: o.scope || '' }));
    const table = h('table', {}, h('thead', {}, h('tr', {}, ['修订 Rev.', '数值 Value', '状态 Status', '时间 Recorded', '来源 Source', '说明 Note'].map((t) => h('th', { scope: 'col' }, t)))));
    const body = h('tbody', {});
    for (const r of history.data || []) {
      body.append(h('tr', {}, h('td', { class: 'num' }, r.revision), h('td', { class: 'num' }, fmt(r.value, indicator.unit, indicator)),
        h('td', {}, badge(r.status)), h('td', {}, fmtTime(r.recorded_at)), h('td', {}, sourceSummary(r.source)), h('td', {}, r.note || '')));
    }
    table.append(body);
    parts.push(h('strong', {}, '修订历史 Revisions'), table);
  } catch (e) {
    parts.push(h('p', { class: 'muted' }, `修订历史无法加载 Could not load revisions: ${e.message}`));
  }
  box.textContent = '';
  box.append(...parts);
}

/** The sentence around [start, end) with the quoted span highlighted. Offsets are in characters. */
function quoteAround(text, start, end) {
  const chars = Array.from(text);
  const stops = /[。！？；\n!?;]/;
  let a = Math.max(0, Math.min(start, chars.length)); let b = Math.max(a, Math.min(end, chars.length));
  let from = a; while (from > 0 && !stops.test(chars[from - 1]) && a - from < 200) from -= 1;
  let to = b; while (to < chars.length && !stops.test(chars[to]) && to - b < 200) to += 1;
  if (to < chars.length) to += 1;
  return [chars.slice(from, a).join(''), h('mark', {}, chars.slice(a, b).join('')), chars.slice(b, to).join('')];
}

// ---------- Documents ----------

function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

function tokenPanel(onChange) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', placeholder: 'zb_…' });
  const saved = h('span', { class: 'muted', role: 'status' }, token() ? '已保存（本会话） Saved for this session' : '未设置 Not set');
  return h('section', { class: 'panel', 'aria-labelledby': 'token-title' },
    h('h2', { id: 'token-title' }, '审核令牌 ', h('small', { lang: 'en' }, 'Review token')),
    h('p', { class: 'note' }, '粘贴一次，仅保存在本浏览器会话中 Paste once; kept only in this browser session (sessionStorage).'),
    h('div', { class: 'token' },
      h('div', { class: 'field grow' }, h('label', { for: 'token' }, '令牌 ', h('small', { lang: 'en' }, 'Token')), input),
      h('button', { type: 'button', onclick: () => {
        if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        input.value = ''; saved.textContent = token() ? '已保存（本会话） Saved for this session' : '未设置 Not set'; onChange();
      } }, '保存 Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => {
        sessionStorage.removeItem(TOKEN_KEY); saved.textContent = '未设置 Not set'; onChange();
      } }, '清除 Clear'),
      saved));
}

async function renderDocuments(id) {
  renderCrumbs(null, [], {});
  setStatus('加载中… Loading…');
  const view = $('view');
  let list = null; let failure = null;
  try { list = await api('/documents'); } catch (e) { failure = e; }
  if (id !== state.renderID) return;
  view.textContent = '';
  view.append(h('h2', {}, '已载入文档 ', h('small', { lang: 'en' }, 'Loaded documents')));
  if (failure) {
    view.append(tokenPanel(() => {}));
    view.append(h('p', { class: 'panel', id: 'documents-missing' }, failure.status === 404
      ? '本服务尚未提供文档接口 This server has no documents endpoint yet.'
      : `文档无法加载 Could not load documents: ${failure.message}`));
    setStatus('');
    document.body.dataset.ready = 'documents';
    return;
  }
  const docs = list.data || [];
  await knowNames(docs.map((d) => d.region));
  if (id !== state.renderID) return;
  const table = h('table', {}, h('thead', {}, h('tr', {}, ['标题 Title', '发布 Publisher', '日期 Date', '地区 Region', '年度 Year', '事实 Facts']
    .map((t) => h('th', { scope: 'col' }, t)))));
  const body = h('tbody', {});
  for (const d of docs) {
    const words = { facts: '事实 facts', proposed: '待审 proposed', accepted: '已采纳 accepted', rejected: '已驳回 rejected' };
    const counts = Object.keys(words).filter((k) => typeof d[k] === 'number' || (d.facts && typeof d.facts[k] === 'number'))
      .map((k) => `${words[k]} ${typeof d[k] === 'number' ? d[k] : d.facts[k]}`)
      .concat(d.unmapped && d.unmapped.proposed ? [`未映射 unmapped ${d.unmapped.proposed}`] : []).join(' · ');
    body.append(h('tr', {}, h('td', {}, h('a', { href: hashFor(['documents', String(d.id)], {}) }, d.title || `#${d.id}`)),
      h('td', {}, d.publisher || ''), h('td', {}, d.published_on || ''), h('td', {}, d.region ? regionNameZh(d.region) : ''),
      h('td', {}, d.report_year || ''), h('td', {}, counts)));
  }
  table.append(body);
  view.append(tokenPanel(() => {}), docs.length ? h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': '文档 Documents' }, table)
    : h('p', { class: 'muted' }, '还没有文档 No documents yet'));
  setStatus(`${docs.length} 份文档 documents`);
  document.body.dataset.ready = 'documents';
}

async function renderDocument(id, docID) {
  renderCrumbs(null, [], {});
  setStatus('加载中… Loading…');
  let doc;
  try {
    // GET /documents/{id} answers {document, text, facts, unmapped}; both are numbered by `seq`.
    const body = await api(`/documents/${encodeURIComponent(docID)}`);
    doc = body.document ? Object.assign({}, body.document, { text: body.text, facts: body.facts, unmapped: body.unmapped }) : body;
  } catch (e) {
    if (id !== state.renderID) return;
    $('view').textContent = '';
    $('view').append(h('p', { class: 'panel' }, e.status === 404 ? '找不到该文档，或文档接口尚未提供 No such document, or no documents endpoint yet.' : e.message));
    setStatus('');
    return;
  }
  if (id !== state.renderID) return;
  const facts = (doc.facts || []).map((f) => Object.assign({}, f, { n: f.n ?? f.seq }));
  const unmapped = doc.unmapped || [];
  await knowNames(facts.map((f) => f.region).concat(unmapped.map((u) => u.region)).filter(Boolean));
  if (id !== state.renderID) return;
  const reload = () => render();
  const act = async (path, label, body) => {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${token()}` };
    if (body) headers['Content-Type'] = 'application/json';
    try {
      await api(path, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined });
      setStatus(`${label} ✓`);
      return true;
    } catch (e) {
      setStatus(`${label} 失败 failed: ${e.message}`, true);
      return false;
    }
  };
  // What the reviewer supplies for facts the report does not place or date (one region and
  // period for the page: controls need fixed ids), sent with their accept.
  const needs = facts.some((f) => f.review === 'proposed' && (f.missing || []).length);
  const completion = (f) => {
    const body = {};
    for (const field of f ? (f.missing || []) : ['region', 'period']) {
      const el = $(`review-${field}`);
      const value = el ? el.value.trim() : '';
      if (value) body[field] = value;
      else if (f) return null;
    }
    return body;
  };
  const accept = async (f) => {
    const body = completion(f);
    if (!body) { setStatus(`#${f.n}: 先在上方填写 ${f.missing.join('、')} Fill in ${f.missing.join(' and ')} above first`, true); return; }
    if (await act(`/documents/${doc.id}/facts/${f.n}/accept`, `采纳 accept #${f.n}`, Object.keys(body).length ? body : null)) reload();
  };
  const view = $('view');
  view.textContent = '';
  const rows = h('tbody', {});
  for (const f of facts) {
    const indicator = state.indicators.get(f.indicator) || { code: f.indicator, unit: f.unit };
    const canAct = token() && f.review === 'proposed';
    rows.append(h('tr', { id: `fact-${f.n}`, class: f.attention ? 'attention' : null },
      h('td', { class: 'num' }, f.n),
      h('td', {}, indicator.name_zh || f.indicator, indicator.name_en ? h('small', { lang: 'en' }, ` ${indicator.name_en}`) : ''),
      h('td', {}, f.region ? regionNameZh(f.region) : h('span', { class: 'badge missing' }, '缺地区 no region'), ' ',
        f.period || h('span', { class: 'badge missing' }, '缺期间 no period'), f.kind === 'target' ? ' 目标 target' : ''),
      h('td', { class: 'num' }, `${f.bound === 'max' ? '≤' : f.bound === 'min' ? '≥' : ''}${fmt(f.value, f.unit || indicator.unit, indicator)}`),
      h('td', {}, h('blockquote', {}, doc.text ? quoteAround(doc.text, f.start, f.end) : h('mark', {}, f.quote || ''))),
      h('td', {}, confidenceCell(f)),
      h('td', {}, badge(f.review || 'proposed')),
      h('td', {}, h('div', { class: 'actions' },
        h('button', { type: 'button', disabled: !canAct, onclick: () => accept(f) }, '采纳 Accept'),
        h('button', { type: 'button', class: 'danger', disabled: !canAct,
          onclick: async () => { if (await act(`/documents/${doc.id}/facts/${f.n}/reject`, `驳回 reject #${f.n}`)) reload(); } }, '驳回 Reject')))));
  }
  view.append(
    h('p', {}, h('a', { href: '#/documents' }, '← 全部文档 All documents')),
    h('h2', {}, doc.title || `#${doc.id}`),
    h('p', { class: 'muted' }, [doc.publisher, doc.published_on, doc.report_year].filter(Boolean).join(' · ')),
    tokenPanel(reload),
    needs ? completionPanel() : null,
    h('div', { class: 'actions' }, h('button', { type: 'button', disabled: !token() || !facts.some((f) => f.review === 'proposed'),
      onclick: async () => {
        const body = completion(null);
        if (await act(`/documents/${doc.id}/accept`, '全部采纳 accept all', Object.keys(body).length ? body : null)) reload();
      } }, '采纳全部待审 Accept all proposed'),
    token() ? null : h('span', { class: 'muted' }, '需先保存令牌 Save a token first')),
    h('h3', {}, `提取的事实 `, h('small', { lang: 'en' }, `Proposed facts (${facts.length})`)),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': '事实 Facts' },
      h('table', {}, h('thead', {}, h('tr', {}, ['#', '指标 Indicator', '地区期间 Region, period', '数值 Value', '引文 Quote', '置信度 Confidence', '审核 Review', '']
        .map((t) => h('th', { scope: 'col' }, t)))), rows)),
    unmapped.length ? unmappedSection(doc, unmapped, act, reload) : null,
    h('h3', {}, '原文 ', h('small', { lang: 'en' }, 'Text')),
    h('div', { class: 'doc-text', tabindex: 0, role: 'region', 'aria-label': '原文 Text' }, highlightAll(doc.text || '', facts)));
  setStatus(`${facts.length} 条事实 facts` + (unmapped.length ? ` · ${unmapped.length} 条未映射 unmapped` : ''));
  document.body.dataset.ready = 'document';
}

/** Confidence in percent, a badge below the service's attention threshold, and the reasons. */
function confidenceCell(f) {
  const reasons = (f.reasons || []).concat(f.note ? [`注 note: ${f.note}`] : []);
  return [h('span', { class: 'num' }, typeof f.confidence === 'number' ? `${Math.round(f.confidence * 100)}%` : '—'),
    f.attention ? [' ', badge('attention')] : null,
    reasons.length ? h('ul', { class: 'reasons' }, reasons.map((r) => h('li', {}, r))) : null];
}

/** The region and period supplied for facts the report does not place or date. */
function completionPanel() {
  return h('section', { class: 'panel', 'aria-labelledby': 'completion-title' },
    h('h2', { id: 'completion-title' }, '补充地区与期间 ', h('small', { lang: 'en' }, 'Supply region and period')),
    h('p', { class: 'note' }, '报告未说明的部分在采纳时使用这里的值 Facts marked 缺地区 / 缺期间 are accepted with these.'),
    h('div', { class: 'token' },
      h('div', { class: 'field' }, h('label', { for: 'review-region' }, '地区 Region'),
        h('select', { id: 'review-region' }, h('option', { value: '' }, '—'),
          state.regions.map((r) => h('option', { value: r.code }, `${r.name_zh} ${r.code}`)))),
      h('div', { class: 'field' }, h('label', { for: 'review-period' }, '期间 Period'),
        h('input', { id: 'review-period', type: 'text', placeholder: '2022, 2022-Q1', autocomplete: 'off' }))));
}

/** Figures of phrases the catalogue lacks: listed apart, mapped to an indicator or rejected. */
function unmappedSection(doc, unmapped, act, reload) {
  const rows = h('tbody', {});
  const open = unmapped.filter((u) => u.review === 'proposed');
  for (const u of unmapped) {
    const mapped = u.mapped_to ? h('a', { href: `#fact-${u.mapped_to.fact}` }, `→ ${u.mapped_to.indicator} #${u.mapped_to.fact}`) : null;
    rows.append(h('tr', { id: `unmapped-${u.seq}`, class: u.attention ? 'attention' : null },
      h('td', { class: 'num' }, u.seq),
      h('td', {}, h('strong', {}, u.phrase), u.is_growth ? ' 增速 growth' : ''),
      h('td', {}, u.region ? regionNameZh(u.region) : h('span', { class: 'badge missing' }, '缺地区 no region'), ' ',
        u.period || h('span', { class: 'badge missing' }, '缺期间 no period')),
      h('td', { class: 'num' }, fmt(u.value, u.unit) + (u.classifier && u.unit === 'count' ? ` ${u.classifier}` : '')),
      h('td', {}, h('blockquote', {}, doc.text ? quoteAround(doc.text, u.start, u.end) : h('mark', {}, u.quote || ''))),
      h('td', {}, confidenceCell(u)),
      h('td', {}, badge(u.review), ' ', mapped),
      h('td', {}, h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', disabled: !token() || u.review !== 'proposed', onclick: () => {
          $('map-seq').value = String(u.seq); $('map-as').value = u.suggested_as || 'value'; $('map-indicator').focus();
        } }, '映射 Map…'),
        h('button', { type: 'button', class: 'danger', disabled: !token() || u.review !== 'proposed',
          onclick: async () => { if (await act(`/documents/${doc.id}/unmapped/${u.seq}/reject`, `驳回 reject unmapped #${u.seq}`)) reload(); } },
        '驳回 Reject')))));
  }
  const bases = [...state.indicators.values()].sort((a, b) => a.code.localeCompare(b.code));
  const seq = () => $('map-seq').value;
  const refreshCatalogue = async () => {
    const indicators = await api('/indicators?derived=false');
    state.indicators.clear();
    for (const i of indicators.data || []) state.indicators.set(i.code, i);
  };
  const mapPanel = h('section', { class: 'panel', 'aria-labelledby': 'map-title' },
    h('h2', { id: 'map-title' }, '映射到指标 ', h('small', { lang: 'en' }, 'Map to an indicator')),
    h('p', { class: 'note' }, '短语将成为该指标的别名，数字成为待审事实 The phrase becomes an alias of the indicator; the figure a proposed fact.'),
    h('div', { class: 'token' },
      h('div', { class: 'field' }, h('label', { for: 'map-seq' }, '未映射 Figure'),
        h('select', { id: 'map-seq' }, open.map((u) => h('option', { value: String(u.seq) }, `#${u.seq} ${u.phrase} ${fmt(u.value, u.unit)}`)))),
      h('div', { class: 'field' }, h('label', { for: 'map-indicator' }, '指标 Indicator'),
        h('select', { id: 'map-indicator' }, bases.map((i) => h('option', { value: i.code }, `${i.name_zh} · ${i.code} (${i.unit})`)))),
      h('div', { class: 'field' }, h('label', { for: 'map-as' }, '作为 As'),
        h('select', { id: 'map-as' }, h('option', { value: 'value' }, '数值 value'), h('option', { value: 'growth' }, '增速 growth'))),
      h('button', { type: 'button', disabled: !token() || !open.length, onclick: async () => {
        const ok = await act(`/documents/${doc.id}/unmapped/${seq()}/map`, `映射 map #${seq()}`,
          { indicator: $('map-indicator').value, as: $('map-as').value });
        if (ok) { await refreshCatalogue(); reload(); }
      } }, '映射 Map')),
    h('details', { class: 'new-indicator' },
      h('summary', {}, '新建指标（管理员） ', h('small', { lang: 'en' }, 'New indicator from the phrase (admin token)')),
      h('div', { class: 'token' },
        h('div', { class: 'field' }, h('label', { for: 'new-code' }, '代码 Code'),
          h('input', { id: 'new-code', type: 'text', placeholder: 'industrial_output', autocomplete: 'off' })),
        h('div', { class: 'field' }, h('label', { for: 'new-name-en' }, '英文名 English name'),
          h('input', { id: 'new-name-en', type: 'text', autocomplete: 'off' })),
        h('div', { class: 'field' }, h('label', { for: 'new-category' }, '类别 Category'),
          h('select', { id: 'new-category' }, Object.entries(CATEGORIES).map(([c, [zh, en]]) => h('option', { value: c }, `${zh} ${en}`)))),
        h('div', { class: 'field' }, h('label', { for: 'new-unit' }, '单位 Unit'),
          h('select', { id: 'new-unit' }, h('option', { value: '' }, '按数字 from the figure'), UNITS.map((u) => h('option', { value: u }, u)))),
        h('button', { type: 'button', disabled: !token() || !open.length, onclick: async () => {
          const body = { code: $('new-code').value.trim(), name_en: $('new-name-en').value.trim(), category: $('new-category').value };
          if ($('new-unit').value) body.unit = $('new-unit').value;
          const ok = await act(`/documents/${doc.id}/unmapped/${seq()}/create-indicator`, `新建指标 create indicator from #${seq()}`, body);
          if (ok) { await refreshCatalogue(); reload(); }
        } }, '新建并映射 Create and map'))));
  return [
    h('h3', {}, '未映射的数字 ', h('small', { lang: 'en' }, `Unmapped figures (${unmapped.length}): phrases the catalogue lacks, not counted as facts`)),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': '未映射 Unmapped' },
      h('table', {}, h('thead', {}, h('tr', {}, ['#', '短语 Phrase', '地区期间 Region, period', '数值 Value', '引文 Quote', '置信度 Confidence', '审核 Review', '']
        .map((t) => h('th', { scope: 'col' }, t)))), rows)),
    open.length ? mapPanel : null,
  ];
}

function highlightAll(text, facts) {
  const chars = Array.from(text);
  const spans = facts.filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.end > f.start)
    .sort((a, b) => a.start - b.start);
  const out = []; let at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    out.push(chars.slice(at, f.start).join(''));
    out.push(h('mark', { class: 'fact', title: `#${f.n} ${f.indicator}` }, chars.slice(f.start, f.end).join('')));
    at = f.end;
  }
  out.push(chars.slice(at).join(''));
  return out;
}

// ---------- Shell ----------

async function render() {
  const id = ++state.renderID;
  delete document.body.dataset.ready;
  const { parts, params } = parseHash();
  const view = parts[0] || '';
  $('nav-overview').toggleAttribute('aria-current', false);
  $('nav-documents').toggleAttribute('aria-current', false);
  (view === 'documents' ? $('nav-documents') : $('nav-overview')).setAttribute('aria-current', 'page');
  $('field-region').hidden = view === 'documents';
  $('field-category').hidden = view !== '';
  $('field-q').hidden = view !== '';
  $('controls').hidden = view === 'documents';
  try {
    if (view === 'indicator' && parts[1]) await renderIndicator(id, parts[1], params);
    else if (view === 'documents' && parts[1]) await renderDocument(id, parts[1]);
    else if (view === 'documents') await renderDocuments(id);
    else await renderOverview(id, params);
  } catch (e) {
    if (id === state.renderID) setStatus(`出错了 Something went wrong: ${e.message}`, true);
  }
}

async function start() {
  try {
    const indicators = await api('/indicators?derived=false');
    for (const i of indicators.data || []) state.indicators.set(i.code, i);
    const categories = [...new Set((indicators.data || []).map((i) => i.category).filter(Boolean))];
    for (const c of categories) {
      const [zh, en] = CATEGORIES[c] || [c, c];
      $('category').append(h('option', { value: c }, `${zh} ${en}`));
    }
  } catch (e) {
    setStatus(`无法连接接口 Cannot reach the API: ${e.message}`, true);
    return;
  }
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  picker.attach();
  $('category').addEventListener('change', () => {
    const { params } = parseHash();
    go([], Object.assign({}, params, { category: $('category').value }));
  });
  let timer = null;
  $('q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { params } = parseHash();
      go([], Object.assign({}, params, { q: $('q').value.trim() }));
    }, 250);
  });
  window.addEventListener('hashchange', render);
  render();
}

document.addEventListener('DOMContentLoaded', start);
