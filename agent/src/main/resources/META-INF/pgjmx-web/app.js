// pgjmx sessions page. Plain script, no framework and no build step: it is served from the agent jar as it is.
// Every value from the database reaches the page through textContent only (the page's CSP turns on Trusted
// Types with no policy, so handing markup to an HTML sink would throw). All data comes from the same-origin Jolokia
// endpoint by POST JSON; the agent's restrictor decides what this page may read and do, as for any client.
'use strict';

(function () {
  const JOLOKIA = location.origin + '/jolokia/';
  const REFRESH_MILLIS = 2000;
  const AGENT = 'pgjmx:type=Agent';
  const COUNTS = ['SessionCount', 'ActiveSessionCount', 'IdleSessionCount', 'IdleInTransactionSessionCount',
    'WaitingSessionCount', 'OwnSessionCount', 'OldestTransactionSeconds', 'LongestQuerySeconds', 'Reachable',
    'LastError', 'ServerVersion', 'JdbcUrl', 'Username', 'PoolClass'];
  const TILES = [
    ['SessionCount', 'sessions'], ['ActiveSessionCount', 'active'], ['IdleSessionCount', 'idle'],
    ['IdleInTransactionSessionCount', 'idle in transaction', 'warn'], ['WaitingSessionCount', 'waiting on a lock', 'bad'],
    ['OwnSessionCount', 'own'], ['OldestTransactionSeconds', 'oldest transaction', 'age'],
    ['LongestQuerySeconds', 'longest query', 'age']];
  // the contract's Session fields, what decides an incident first; optional ones appear once the agent sends them
  const COLUMNS = [
    { key: 'pid', label: 'pid', kind: 'num' },
    { key: 'state', label: 'state' },
    { key: 'transactionSeconds', label: 'xact age', kind: 'age' },
    { key: 'querySeconds', label: 'query age', kind: 'age' },
    { key: 'stateSeconds', label: 'state age', kind: 'age' },
    { key: 'blockedBy', label: 'blocked by', kind: 'list' },
    { key: 'blocks', label: 'blocks', kind: 'list', derived: true },
    { key: 'own', label: 'own', kind: 'bool' },
    { key: 'holderThread', label: 'holder thread', optional: true },
    { key: 'heldSeconds', label: 'held', kind: 'age', optional: true },
    { key: 'user', label: 'user' },
    { key: 'applicationName', label: 'application', kind: 'short' },
    { key: 'wait', label: 'wait', derived: true },
    { key: 'query', label: 'query', kind: 'query' },
    { key: 'database', label: 'database' }];

  const $ = (id) => document.getElementById(id);
  const state = {
    config: null, names: [], ds: null, ops: null, filter: '', rows: [], columns: [], graph: null,
    sort: { key: 'transactionSeconds', dir: -1 }, paused: false, busy: false, timer: null, detailPid: null, detail: null,
    detailRow: null, confirm: null
  };

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function mbean(name) {
    return 'pgjmx:type=DataSource,name=' + name;
  }

  // ---- Jolokia ---------------------------------------------------------------------------------------------

  class HttpError extends Error {}

  async function jolokia(requests) {
    let response;
    try {
      response = await fetch(JOLOKIA, {
        method: 'POST', credentials: 'same-origin', cache: 'no-store',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(requests)
      });
    } catch (e) {
      throw new HttpError('the agent does not answer (' + e.message + '); retrying');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      // not JSON: said below by status
    }
    if (response.status === 401) {
      throw new HttpError('the endpoint wants its credentials again: reload the page and sign in');
    }
    if (!response.ok || !Array.isArray(body)) {
      throw new HttpError('the agent answered HTTP ' + response.status + (body && body.error ? ': ' + body.error : ''));
    }
    return body;
  }

  /** The server's own words, without the Java exception class Jolokia puts in front. */
  function errorText(item) {
    const text = (item && item.error) ? String(item.error) : 'HTTP status ' + (item ? item.status : '?');
    return text.replace(/^([\w$]+\.)*[\w$]*(Exception|Error)\s*:\s*/, '');
  }

  async function one(request) {
    const [item] = await jolokia([request]);
    if (item.status !== 200) throw new Error(errorText(item));
    return item.value;
  }

  // ---- loading -----------------------------------------------------------------------------------------------

  async function start() {
    wire();
    try {
      // from origin and path: a page opened as http://user:password@host/ has credentials in its own URL, and
      // fetch refuses any URL resolved against that
      const response = await fetch(location.origin + location.pathname.replace(/[^/]*$/, '') + 'config',
        { cache: 'no-store', credentials: 'same-origin' });
      state.config = await response.json();
    } catch (e) {
      state.config = { actions: false, reason: 'the page could not read its settings (' + e.message + ')' };
    }
    const off = $('actions-off');
    off.hidden = state.config.actions;
    off.textContent = state.config.actions ? '' : 'Actions are off: ' + state.config.reason + '.';
    $('bulk-actions').hidden = !state.config.actions;
    const wanted = new URLSearchParams(location.hash.slice(1));
    state.ds = wanted.get('ds');
    state.filter = wanted.get('filter') || '';
    const pid = Number(wanted.get('pid'));
    if (Number.isInteger(pid) && pid > 0) {
      state.detailPid = pid;
      $('detail').hidden = false;
    }
    $('filter').value = state.filter;
    refresh();
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = state.paused ? null : setTimeout(refresh, REFRESH_MILLIS);
  }

  async function refresh() {
    if (state.busy) return;
    state.busy = true;
    try {
      const names = await one({ type: 'read', mbean: AGENT, attribute: 'DataSourceNames' });
      setNames(names || []);
      if (state.ds) {
        if (state.ops === null) state.ops = await operations(state.ds);
        await loadDataSource();
      } else {
        clearData('No PostgreSQL DataSource discovered yet: the list fills once the application uses one.');
      }
      $('refresh-state').textContent = (state.paused ? 'paused · ' : 'updated ') + new Date().toLocaleTimeString();
    } catch (e) {
      $('refresh-state').textContent = e.message;
    } finally {
      state.busy = false;
      schedule();
    }
  }

  function setNames(names) {
    const select = $('datasource');
    if (names.join('\n') !== state.names.join('\n')) {
      state.names = names.slice();
      select.replaceChildren(...names.map((n) => { const o = el('option', null, n); o.value = n; return o; }));
    }
    if (!state.ds || !names.includes(state.ds)) {
      state.ds = names.length ? names[0] : null;
      state.ops = null;
    }
    if (state.ds) select.value = state.ds;
  }

  /** Which operations this agent offers (sessionDetail and lockRoots may be absent on an older one). */
  async function operations(name) {
    const list = await one({ type: 'list', path: 'pgjmx' });
    const ops = new Set();
    for (const [key, info] of Object.entries(list || {})) {
      if (key.split(',').includes('type=DataSource') && info && info.op) Object.keys(info.op).forEach((o) => ops.add(o));
    }
    return ops;
  }

  async function loadDataSource() {
    const target = mbean(state.ds);
    const requests = [
      { type: 'read', mbean: target, attribute: COUNTS },
      { type: 'exec', mbean: target, operation: 'listSessions', arguments: [state.filter] },
      { type: 'exec', mbean: target, operation: 'listSessions', arguments: ['blocked=true'] },
      state.ops.has('lockRoots')
        ? { type: 'exec', mbean: target, operation: 'lockRoots', arguments: [] }
        : { type: 'exec', mbean: target, operation: 'listSessions', arguments: ['blocking=true'] }];
    const detailPid = state.detailPid;
    if (detailPid !== null && state.ops.has('sessionDetail')) {
      requests.push({ type: 'exec', mbean: target, operation: 'sessionDetail', arguments: [detailPid] });
    }
    const [counts, list, blocked, roots, detail] = await jolokia(requests);
    renderCounts(counts.status === 200 ? counts.value : null, counts);
    const filterError = $('filter-error');
    if (list.status === 200) {
      filterError.hidden = true;
      state.rows = list.value || [];
    } else {
      filterError.hidden = false;
      filterError.textContent = errorText(list);
      state.rows = [];
    }
    state.graph = lockGraph(blocked.status === 200 ? blocked.value || [] : [],
      roots.status === 200 ? roots.value || [] : [], state.ops.has('lockRoots'));
    renderTable();
    renderLocks();
    if (detailPid !== null && detailPid === state.detailPid) {
      state.detail = detail ? detail : null;
      renderDetail();
    }
  }

  function clearData(why) {
    state.rows = [];
    state.graph = lockGraph([], [], false);
    $('counts').replaceChildren(el('p', 'empty', why));
    $('server').textContent = '';
    renderTable();
    renderLocks();
  }

  // ---- counts ------------------------------------------------------------------------------------------------

  function renderCounts(c, item) {
    const box = $('counts');
    const unreachable = $('unreachable');
    if (!c) {
      box.replaceChildren(el('p', 'empty', 'counts unavailable: ' + errorText(item)));
      return;
    }
    unreachable.hidden = c.Reachable !== false;
    unreachable.textContent = c.Reachable === false ? 'The server does not answer pgjmx: ' + (c.LastError || 'no reason given') : '';
    box.replaceChildren(...TILES.map(([key, label, tone]) => {
      const v = c[key];
      const tile = el('div', 'count');
      tile.dataset.count = key;
      const known = typeof v === 'number' && v >= 0;
      if (known && v > 0 && (tone === 'warn' || tone === 'bad')) tile.classList.add(tone);
      tile.append(el('span', 'n', !known ? '–' : tone === 'age' ? age(v) : v), el('span', 'l', label));
      return tile;
    }));
    $('server').textContent = [c.ServerVersion ? 'PostgreSQL ' + c.ServerVersion : null, c.JdbcUrl,
      c.Username ? 'as ' + c.Username : null].filter(Boolean).join(' · ');
  }

  // ---- lock graph --------------------------------------------------------------------------------------------

  /**
   * Roots first, victims under them. Edges come from each blocked session's blockedBy (pg_blocking_pids); the
   * roots from lockRoots when the agent has it, otherwise the blocking sessions that wait on nobody.
   */
  function lockGraph(blocked, rootsOrBlocking, haveLockRoots) {
    const sessions = new Map();
    const children = new Map();
    for (const s of blocked) {
      sessions.set(s.pid, s);
      for (const b of s.blockedBy || []) {
        if (!children.has(b)) children.set(b, []);
        children.get(b).push(s.pid);
      }
    }
    let roots;
    const victims = new Map();
    if (haveLockRoots) {
      roots = rootsOrBlocking.map((r) => r.pid);
      for (const r of rootsOrBlocking) {
        victims.set(r.pid, (r.blockedPids || []).slice().sort((a, b) => a - b));
        if (!sessions.has(r.pid)) sessions.set(r.pid, r);
      }
    } else {
      for (const s of rootsOrBlocking) if (!sessions.has(s.pid)) sessions.set(s.pid, s);
      const blockedPids = new Set(blocked.map((s) => s.pid));
      roots = [...children.keys()].filter((pid) => !blockedPids.has(pid));
      for (const r of roots) victims.set(r, reach(r, children));
    }
    roots.sort((a, b) => (victims.get(b).length - victims.get(a).length) || a - b);
    return { sessions, children, roots, victims };
  }

  function reach(root, children) {
    const seen = new Set();
    const stack = [...(children.get(root) || [])];
    while (stack.length) {
      const pid = stack.pop();
      if (seen.has(pid) || pid === root) continue;
      seen.add(pid);
      stack.push(...(children.get(pid) || []));
    }
    return [...seen].sort((a, b) => a - b);
  }

  /** What a row blocks: every victim for a lock root, the direct waiters for a session in the middle of a chain. */
  function blocks(pid) {
    const g = state.graph;
    if (!g) return [];
    if (g.victims.has(pid)) return g.victims.get(pid);
    return (g.children.get(pid) || []).slice().sort((a, b) => a - b);
  }

  function renderLocks() {
    const box = $('locks');
    const g = state.graph;
    if (!g || g.roots.length === 0) {
      box.replaceChildren(el('p', 'empty', 'No session waits on a lock.'));
      return;
    }
    const list = el('ul', 'tree');
    for (const root of g.roots) list.append(lockNode(root, null, spanning(root, g.children)));
    box.replaceChildren(list);
  }

  /**
   * Each victim once, under the blocker nearest the root (breadth first): in a queue on one row PostgreSQL
   * reports a waiter as blocked by every waiter ahead of it, and the tree should not repeat it under each.
   */
  function spanning(root, children) {
    const kids = new Map();
    const seen = new Set([root]);
    const queue = [root];
    while (queue.length) {
      const pid = queue.shift();
      const next = (children.get(pid) || []).filter((c) => !seen.has(c)).sort((a, b) => a - b);
      next.forEach((c) => seen.add(c));
      kids.set(pid, next);
      queue.push(...next);
    }
    return kids;
  }

  function lockNode(pid, parent, kids) {
    const isRoot = parent === null;
    const s = state.graph.sessions.get(pid) || state.rows.find((r) => r.pid === pid);
    const li = el('li', isRoot ? 'lock-root' : 'lock-victim');
    li.dataset.pid = pid;
    const line = el('span', 'node');
    const link = el('button', 'pid-link', pid);
    link.type = 'button';
    link.addEventListener('click', () => openDetail(pid));
    line.append(link);
    if (isRoot) line.append(el('span', 'badge root', 'lock root · blocks ' + state.graph.victims.get(pid).length));
    if (s) {
      const xact = s.transactionSeconds !== undefined ? s.transactionSeconds : s.xactSeconds;
      const others = (s.blockedBy || []).filter((b) => b !== parent);
      const parts = [s.state, xact >= 0 ? 'xact ' + age(xact) : null, s.waitEventType === 'Lock' ? 'waits on ' + s.waitEvent : null,
        others.length && !isRoot ? 'also behind ' + others.join(', ') : null, s.user, s.applicationName,
        s.holderThread ? 'thread ' + s.holderThread : null];
      line.append(el('span', 'node-text', parts.filter((p) => p !== null && p !== undefined && p !== '').join(' · ')));
    } else {
      line.append(el('span', 'node-text', 'not a client session of this list (e.g. autovacuum)'));
    }
    li.append(line);
    const next = kids.get(pid) || [];
    if (next.length) {
      const sub = el('ul');
      for (const c of next) sub.append(lockNode(c, pid, kids));
      li.append(sub);
    }
    return li;
  }

  // ---- table -------------------------------------------------------------------------------------------------

  function value(row, key) {
    if (key === 'blocks') return blocks(row.pid);
    if (key === 'wait') return row.waitEventType ? row.waitEventType + (row.waitEvent ? ':' + row.waitEvent : '') : null;
    return row[key];
  }

  function text(col, v) {
    if (v === null || v === undefined) return '';
    switch (col.kind) {
      case 'age': return v >= 0 ? age(v) : '';
      case 'list': return v.length ? v.join(', ') : '';
      case 'bool': return v ? 'yes' : '';
      default: return String(v);
    }
  }

  function empty(v) {
    return v === null || v === undefined || v === '' || (typeof v === 'number' && v < 0) || (Array.isArray(v) && !v.length);
  }

  /** Empty cells (no value, an age of -1) go last in either direction; ties keep pid order. */
  function shownRows() {
    const { key, dir } = state.sort;
    return state.rows.slice().sort((a, b) => {
      const x = value(a, key);
      const y = value(b, key);
      if (empty(x) || empty(y)) return (empty(x) - empty(y)) || a.pid - b.pid;
      let c;
      if (Array.isArray(x)) c = (x.length - y.length) || (x[0] - y[0]);
      else if (typeof x === 'number' || typeof x === 'boolean') c = Number(x) - Number(y);
      else c = String(x).localeCompare(String(y));
      return c * dir || a.pid - b.pid;
    });
  }

  function renderTable() {
    const present = new Set();
    for (const r of state.rows) Object.keys(r).forEach((k) => present.add(k));
    state.columns = COLUMNS.filter((c) => !c.optional || present.has(c.key));
    const head = $('sessions').tHead.rows[0];
    const ths = state.columns.map((c) => {
      const th = el('th', null, c.label);
      th.dataset.key = c.key;
      th.tabIndex = 0;
      th.setAttribute('aria-sort', state.sort.key !== c.key ? 'none' : state.sort.dir > 0 ? 'ascending' : 'descending');
      if (state.sort.key === c.key) th.classList.add(state.sort.dir > 0 ? 'asc' : 'desc');
      return th;
    });
    if (state.config && state.config.actions) ths.push(el('th', 'actions', ''));
    head.replaceChildren(...ths);
    const rows = shownRows();
    $('sessions').tBodies[0].replaceChildren(...rows.map(renderRow));
    $('empty').hidden = rows.length > 0 || !$('filter-error').hidden;
    $('shown').textContent = rows.length + (rows.length === 1 ? ' session' : ' sessions');
    $('bulk-cancel').disabled = $('bulk-terminate').disabled = rows.length === 0;
  }

  function renderRow(row) {
    const tr = el('tr');
    tr.dataset.pid = row.pid;
    const st = row.state || '';
    if (st.startsWith('idle in transaction')) tr.classList.add('idle-in-transaction');
    if (row.blockedBy && row.blockedBy.length) tr.classList.add('blocked');
    if (state.graph && state.graph.victims.has(row.pid)) tr.classList.add('lock-root');
    if (row.pid === state.detailPid) tr.classList.add('selected');
    for (const col of state.columns) {
      const v = value(row, col.key);
      const td = el('td', col.kind === 'num' || col.kind === 'age' ? 'num' : col.kind === 'list' ? 'list'
        : col.kind === 'query' || col.kind === 'short' ? col.kind : null);
      td.dataset.key = col.key;
      if (col.key === 'blocks' && state.graph && state.graph.victims.has(row.pid)) {
        td.append(el('span', 'badge root', 'root'), document.createTextNode(' ' + text(col, v)));
      } else {
        td.textContent = text(col, v);
      }
      if (col.kind === 'age' && typeof v === 'number' && v >= 0) td.title = v + ' s';
      if ((col.kind === 'query' || col.kind === 'short') && v) td.title = String(v).slice(0, 2000);
      tr.append(td);
    }
    if (state.config && state.config.actions) {
      const td = el('td', 'actions');
      td.append(actionButton('cancel', row), actionButton('terminate', row));
      tr.append(td);
    }
    tr.addEventListener('click', (e) => {
      if (!e.target.closest('button')) openDetail(row.pid);
    });
    return tr;
  }

  function actionButton(kind, row) {
    const b = el('button', 'act small' + (kind === 'terminate' ? ' danger' : ''), kind === 'cancel' ? 'Cancel' : 'Terminate');
    b.type = 'button';
    b.dataset.action = kind;
    b.addEventListener('click', () => confirmAction(kind, [row], false));
    return b;
  }

  // ---- detail ------------------------------------------------------------------------------------------------

  function openDetail(pid) {
    state.detailPid = pid;
    remember();
    state.detail = null;
    state.detailRow = state.rows.find((r) => r.pid === pid) || state.graph.sessions.get(pid) || null;
    renderDetail();
    renderTable();
    if (state.ops && state.ops.has('sessionDetail')) refreshSoon();
  }

  function refreshSoon() {
    if (!state.busy) {
      clearTimeout(state.timer);
      refresh();
    }
  }

  function renderDetail() {
    const panel = $('detail');
    const pid = state.detailPid;
    panel.hidden = pid === null;
    if (pid === null) return;
    const fromList = state.rows.find((r) => r.pid === pid);
    const detail = state.detail && state.detail.status === 200 ? state.detail.value : null;
    const session = detail && detail.session ? detail.session : fromList || state.detailRow;
    if (fromList) state.detailRow = fromList;
    $('detail-title').textContent = 'Session ' + pid;
    const note = $('detail-note');
    note.hidden = true;
    if (state.detail && state.detail.status !== 200) {
      note.hidden = false;
      note.textContent = errorText(state.detail);
    } else if (!fromList && !detail) {
      note.hidden = false;
      note.textContent = 'Not in the current list (ended, or outside the filter); showing what was last seen.';
    }
    const dl = $('detail-fields');
    const items = [];
    const keys = Object.keys(session || {}).filter((k) => k !== 'query');
    keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const k of keys) {
      const v = session[k];
      items.push(el('dt', null, k), el('dd', null, v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : v));
    }
    dl.replaceChildren(...items);
    setText($('detail-query'), session && session.query !== null && session.query !== undefined ? session.query : '');
    const actions = state.config && state.config.actions && session;
    $('detail-cancel').hidden = $('detail-terminate').hidden = !actions;
    const holder = $('holder');
    holder.hidden = !detail;
    if (detail) {
      const line = detail.holderThread
        ? detail.holderThread + (detail.holderThreadState ? ' (' + detail.holderThreadState + ')' : '')
          + (detail.heldSeconds >= 0 ? ', has the connection for ' + age(detail.heldSeconds) : '')
        : 'No Java thread of this JVM has the connection checked out.';
      $('holder-line').textContent = line;
      setText($('holder-stack'), (detail.currentStack || []).join('\n'));
      $('holder-stack').hidden = !(detail.currentStack && detail.currentStack.length);
      const borrow = detail.borrowStack;
      $('borrow-title').hidden = $('borrow-stack').hidden = !(borrow && borrow.length);
      setText($('borrow-stack'), borrow ? borrow.join('\n') : '');
    }
  }

  const DETAIL_ORDER = ['pid', 'state', 'transactionSeconds', 'querySeconds', 'stateSeconds', 'blockedBy', 'own',
    'holderThread', 'holderThreadId', 'heldSeconds', 'user', 'database', 'applicationName', 'clientAddress', 'clientPort',
    'backendType', 'waitEventType', 'waitEvent', 'transactionStart', 'queryStart', 'stateChange', 'backendStart',
    'leaderPid', 'queryId'];

  function rank(key) {
    const i = DETAIL_ORDER.indexOf(key);
    return i < 0 ? DETAIL_ORDER.length : i;
  }

  /** Leaves unchanged text alone, so that a selection in it survives the refresh. */
  function setText(node, t) {
    if (node.textContent !== t) node.textContent = t;
  }

  async function copyQuery() {
    const pre = $('detail-query');
    try {
      await navigator.clipboard.writeText(pre.textContent);
      say('Query copied.');
    } catch (e) {
      // plain HTTP beyond localhost has no clipboard API: select the text for Ctrl+C
      const range = document.createRange();
      range.selectNodeContents(pre);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      say('Query selected: press Ctrl+C to copy it.');
    }
  }

  // ---- actions -----------------------------------------------------------------------------------------------

  /**
   * Lists the sessions the action will hit and, once confirmed, sends exactly those pids. For the filter, the
   * set is read afresh first, so that the dialog shows what is true now rather than two seconds ago.
   */
  async function confirmAction(kind, rows, bulk) {
    if (bulk) {
      try {
        rows = await one({ type: 'exec', mbean: mbean(state.ds), operation: 'listSessions', arguments: [state.filter] });
      } catch (e) {
        say(e.message, true);
        return;
      }
      if (!rows.length) {
        say('No session matches the filter; nothing to ' + kind + '.', true);
        return;
      }
    }
    const pids = rows.map((r) => r.pid).sort((a, b) => a - b);
    const verb = kind === 'cancel' ? 'Cancel the query of' : 'Terminate';
    const count = pids.length + (pids.length === 1 ? ' session' : ' sessions');
    $('confirm-title').textContent = verb + ' ' + count + '?';
    $('confirm-text').textContent = (kind === 'cancel'
      ? 'Each running query is cancelled (pg_cancel_backend); the sessions stay connected.'
      : 'Each session is ended (pg_terminate_backend); its open transaction is rolled back.')
      + (bulk ? ' The filter "' + (state.filter || '(none)') + '" matches these sessions now:' : '');
    $('confirm-pids').replaceChildren(...rows.slice().sort((a, b) => a.pid - b.pid).map((r) => {
      const li = el('li');
      li.dataset.pid = r.pid;
      li.append(el('strong', null, r.pid), el('span', null, ' ' + [r.state, r.user, r.applicationName, r.query]
        .filter((p) => p !== null && p !== undefined && p !== '').map((p) => String(p).slice(0, 80)).join(' · ')));
      return li;
    }));
    $('confirm-go').textContent = (kind === 'cancel' ? 'Cancel ' : 'Terminate ') + count;
    state.confirm = { kind, pids, bulk };
    $('confirm').showModal();
  }

  async function act() {
    const c = state.confirm;
    state.confirm = null;
    $('confirm').close();
    if (!c) return;
    const target = mbean(state.ds);
    try {
      if (c.bulk) {
        const hit = await one({ type: 'exec', mbean: target, operation: c.kind + 'Sessions',
          arguments: ['pid=' + c.pids.join(',')] });
        hit.sort((a, b) => a - b);
        const missed = c.pids.filter((p) => !hit.includes(p));
        say((c.kind === 'cancel' ? 'Cancelled ' : 'Terminated ') + (hit.length ? 'pid ' + hit.join(', ') : 'nothing')
          + (missed.length ? '; not hit (ended meanwhile or refused): ' + missed.join(', ') : '') + '.', missed.length > 0);
      } else {
        const pid = c.pids[0];
        const done = await one({ type: 'exec', mbean: target, operation: c.kind + 'Session', arguments: [pid] });
        say(c.kind === 'cancel' ? 'Cancelled the query of pid ' + pid + '.'
          : done ? 'Terminated pid ' + pid + '.'
            : 'pid ' + pid + ' was signalled to terminate but had not exited yet.', !done);
      }
    } catch (e) {
      say(e.message, true);
    }
    refreshSoon();
  }

  function say(message, problem) {
    const m = $('message');
    m.hidden = false;
    m.textContent = message;
    m.classList.toggle('error', !!problem);
  }

  // ---- export ------------------------------------------------------------------------------------------------

  /** A cell a spreadsheet would run as a formula is prefixed with ', as OWASP advises for CSV exports. */
  function csvCell(v) {
    let s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
    if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function download(kind) {
    const rows = shownRows();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let blob;
    if (kind === 'csv') {
      const keys = state.columns.map((c) => c.key);
      const lines = [keys.join(',')].concat(rows.map((r) => keys.map((k) => csvCell(value(r, k))).join(',')));
      blob = new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' });
    } else {
      blob = new Blob([JSON.stringify({ dataSource: state.ds, filter: state.filter, time: new Date().toISOString(),
        sessions: rows }, null, 2)], { type: 'application/json' });
    }
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'pgjmx-sessions-' + (state.ds || 'none').replace(/[^\w.-]/g, '_') + '-' + stamp + '.' + kind;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // ---- wiring ------------------------------------------------------------------------------------------------

  function age(seconds) {
    const s = Math.floor(seconds);
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + String(s % 60).padStart(2, '0') + 's';
    if (s < 86400) return Math.floor(s / 3600) + 'h ' + String(Math.floor(s / 60) % 60).padStart(2, '0') + 'm';
    return Math.floor(s / 86400) + 'd ' + String(Math.floor(s / 3600) % 24).padStart(2, '0') + 'h';
  }

  function remember() {
    const p = new URLSearchParams();
    if (state.ds) p.set('ds', state.ds);
    if (state.filter) p.set('filter', state.filter);
    if (state.detailPid !== null) p.set('pid', state.detailPid);
    history.replaceState(null, '', '#' + p.toString());
  }

  function wire() {
    $('filter-form').addEventListener('submit', (e) => {
      e.preventDefault();
      state.filter = $('filter').value.trim();
      remember();
      refreshSoon();
    });
    $('clear').addEventListener('click', () => {
      $('filter').value = '';
      state.filter = '';
      remember();
      refreshSoon();
    });
    $('datasource').addEventListener('change', (e) => {
      state.ds = e.target.value;
      state.ops = null;
      state.detailPid = null;
      renderDetail();
      remember();
      refreshSoon();
    });
    $('pause').addEventListener('click', () => {
      state.paused = !state.paused;
      $('pause').textContent = state.paused ? 'Resume' : 'Pause';
      $('pause').setAttribute('aria-pressed', String(state.paused));
      if (state.paused) {
        clearTimeout(state.timer);
        $('refresh-state').textContent = 'paused';
      } else {
        refreshSoon();
      }
    });
    $('sessions').tHead.addEventListener('click', (e) => sortBy(e.target.closest('th')));
    $('sessions').tHead.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') sortBy(e.target.closest('th'));
    });
    $('bulk-cancel').addEventListener('click', () => confirmAction('cancel', null, true));
    $('bulk-terminate').addEventListener('click', () => confirmAction('terminate', null, true));
    $('detail-cancel').addEventListener('click', () => detailAction('cancel'));
    $('detail-terminate').addEventListener('click', () => detailAction('terminate'));
    $('detail-close').addEventListener('click', () => {
      state.detailPid = null;
      remember();
      renderDetail();
      renderTable();
    });
    $('copy-query').addEventListener('click', copyQuery);
    $('confirm-go').addEventListener('click', act);
    $('confirm-back').addEventListener('click', () => {
      state.confirm = null;
      $('confirm').close();
    });
    $('confirm').addEventListener('cancel', () => { state.confirm = null; });
    $('export-csv').addEventListener('click', () => download('csv'));
    $('export-json').addEventListener('click', () => download('json'));
  }

  function detailAction(kind) {
    const row = state.rows.find((r) => r.pid === state.detailPid) || state.detailRow;
    if (row) confirmAction(kind, [row], false);
  }

  function sortBy(th) {
    if (!th || !th.dataset.key) return;
    const key = th.dataset.key;
    state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : (COLUMNS.find((c) => c.key === key).kind === 'age' ? -1 : 1) };
    renderTable();
  }

  document.addEventListener('DOMContentLoaded', start);
}());
