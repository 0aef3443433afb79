/**
 * The board itself: the street's open cases in one column per status, labelled by grid, overdue
 * ones marked, and the day's indicators. It keeps the newest version of each case it has seen,
 * from the list or from an event, so a late answer never undoes a newer change.
 */
import type { BoardCase, DayIndicators, Street } from './api';
import { h, percent, shortTime } from './dom';
import { COLUMNS, URGENCY_LABELS, isOpen } from './labels';
import type { LiveState } from './live';

const LIVE_LABELS: Record<LiveState, string> = {
  connecting: '正在连接…',
  live: '实时更新中',
  retrying: '连接中断，正在重连…',
  stopped: '已停止更新',
};

/** How long a card that just arrived or moved stays highlighted. */
const FRESH_MS = 4000;

export class CaseBoard {
  private readonly cases = new Map<string, BoardCase>();
  /** The newest version seen of every case, on the board or gone from it. */
  private readonly versions = new Map<string, number>();
  /** Cases changed by events since the last full load began (a load must not drop them). */
  private touched: Set<string> | undefined;
  private readonly fresh = new Set<string>();
  private readonly grids = new Map<string, { code: string; name: string }>();
  private gridFilter = '';
  private gridOptions = '';
  private lastDay: DayIndicators | undefined | 'forbidden';
  private pending = false;

  private readonly status = h('span', { class: 'live', 'data-state': 'connecting' });
  private readonly gridSelect = h('select', { name: 'grid', 'aria-label': '按网格筛选' });
  private readonly indicators = h('section', { class: 'indicators', 'aria-label': '今日指标' });
  private readonly columns = h('section', { class: 'columns' });

  constructor(root: HTMLElement, street: Street, userName: string, onSignOut: () => void) {
    const signOut = h('button', { type: 'button', class: 'sign-out' }, '退出');
    signOut.addEventListener('click', onSignOut);
    this.gridSelect.addEventListener('change', () => {
      this.gridFilter = this.gridSelect.value;
      this.render();
    });
    root.replaceChildren(
      h(
        'header',
        { class: 'top' },
        h('h1', {}, `${street.name} · 案件指挥看板`),
        this.status,
        h('label', { class: 'grid-filter' }, '网格 ', this.gridSelect),
        h('span', { class: 'user' }, userName),
        signOut,
      ),
      this.indicators,
      this.columns,
    );
    this.setLive('connecting');
    this.showIndicators(undefined);
    this.render();
  }

  setLive(state: LiveState): void {
    this.status.dataset.state = state;
    this.status.textContent = LIVE_LABELS[state];
  }

  /** A case as an event brought it: on the board while open, off it once closed. */
  applyEvent(c: BoardCase): void {
    this.touched?.add(c.id);
    if (this.put(c, true)) this.schedule();
  }

  /** A full load is starting: events from now on win over what it returns. */
  beginLoad(): void {
    this.touched = new Set();
  }

  /** The open cases as a full load found them; cases it lacks have left, unless events say not. */
  finishLoad(list: BoardCase[]): void {
    const listed = new Set(list.map((c) => c.id));
    for (const id of this.cases.keys()) {
      if (!listed.has(id) && !this.touched?.has(id)) this.cases.delete(id);
    }
    for (const c of list) this.put(c, false);
    this.touched = undefined;
    this.schedule();
  }

  /** Keeps `c` if it is newer than what was seen (an event may repeat its version: the overdue mark). */
  private put(c: BoardCase, fromEvent: boolean): boolean {
    const seen = this.versions.get(c.id);
    if (seen !== undefined && (fromEvent ? c.version < seen : c.version <= seen)) return false;
    const before = this.cases.get(c.id);
    this.versions.set(c.id, c.version);
    if (c.grid) this.grids.set(c.grid.id, c.grid);
    if (!isOpen(c.status)) return this.cases.delete(c.id);
    this.cases.set(c.id, c);
    if (fromEvent && before?.status !== c.status) {
      this.fresh.add(c.id);
      setTimeout(() => {
        this.fresh.delete(c.id);
        this.schedule();
      }, FRESH_MS);
    }
    return true;
  }

  showIndicators(day: DayIndicators | undefined | 'forbidden'): void {
    const open = [...this.cases.values()];
    const tile = (label: string, value: string | number, kind = '') =>
      h(
        'div',
        { class: `tile ${kind}`.trim(), 'data-indicator': label },
        h('span', { class: 'value' }, String(value)),
        h('span', { class: 'label' }, label),
      );
    const of = (pick: (d: DayIndicators) => string | number) =>
      day === undefined ? '…' : day === 'forbidden' ? '—' : pick(day);
    this.indicators.replaceChildren(
      tile(
        '今日上报',
        of((d) => d.reported),
      ),
      tile(
        '今日立案',
        of((d) => d.accepted),
      ),
      tile(
        '今日派遣',
        of((d) => d.dispatched),
      ),
      tile(
        '今日处置',
        of((d) => d.resolved),
      ),
      tile(
        '今日结案',
        of((d) => d.closed),
      ),
      tile(
        '立案率',
        of((d) => percent(d.acceptanceRate.rate)),
      ),
      tile(
        '按期结案率',
        of((d) => percent(d.onTimeClosureRate.rate)),
      ),
      tile('在办案件', open.length, 'board'),
      tile('超期案件', open.filter((c) => c.isOverdue).length, 'board overdue'),
    );
    this.lastDay = day;
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.render();
    }, 0);
  }

  private render(): void {
    this.renderGridOptions();
    const shown = [...this.cases.values()].filter(
      (c) => !this.gridFilter || c.grid?.id === this.gridFilter,
    );
    this.columns.replaceChildren(
      ...COLUMNS.map(({ status, label, hint }) => {
        const cards = shown
          .filter((c) => c.status === status)
          // Overdue first, then soonest due.
          .sort(
            (a, b) => Number(b.isOverdue) - Number(a.isOverdue) || a.dueAt.localeCompare(b.dueAt),
          )
          .map((c) => this.card(c));
        return h(
          'div',
          { class: 'column', 'data-status': status },
          h('h2', { title: hint }, label, h('span', { class: 'count' }, String(cards.length))),
          h('div', { class: 'cards' }, ...cards),
        );
      }),
    );
    // The board-wide tiles count what is on the board now.
    this.showIndicators(this.lastDay);
  }

  private renderGridOptions(): void {
    const counts = new Map<string, number>();
    for (const c of this.cases.values()) {
      if (c.grid) counts.set(c.grid.id, (counts.get(c.grid.id) ?? 0) + 1);
    }
    const grids = [...this.grids.entries()].sort(([, a], [, b]) => a.code.localeCompare(b.code));
    const options: [string, string][] = [
      ['', `全部网格（${this.cases.size}）`],
      ...grids.map(([id, g]): [string, string] => [id, `${g.name}（${counts.get(id) ?? 0}）`]),
    ];
    // Rebuilt only when it changed, so an open list is not closed by an unrelated event.
    const key = JSON.stringify(options);
    if (key === this.gridOptions) return;
    this.gridOptions = key;
    this.gridSelect.replaceChildren(
      ...options.map(([value, text]) => h('option', { value }, text)),
    );
    this.gridSelect.value = this.gridFilter;
  }

  private card(c: BoardCase): HTMLElement {
    const classes = ['card', c.isOverdue && 'overdue', this.fresh.has(c.id) && 'fresh'];
    return h(
      'article',
      {
        class: classes.filter(Boolean).join(' '),
        'data-case-id': c.id,
        'data-number': c.number,
      },
      h(
        'header',
        {},
        h('span', { class: `urgency urgency-${c.urgency}` }, URGENCY_LABELS[c.urgency]),
        h('span', { class: 'number' }, c.number),
        c.isOverdue && h('span', { class: 'overdue-mark' }, '超期'),
      ),
      h('h3', {}, c.title),
      h(
        'p',
        { class: 'meta' },
        h('span', { class: 'grid' }, c.grid?.name ?? '网格不可见'),
        ` · ${c.category.name}`,
      ),
      c.address && h('p', { class: 'address' }, c.address),
      h('p', { class: 'due' }, `时限 ${shortTime(c.dueAt)} · 上报 ${shortTime(c.reportedAt)}`),
    );
  }
}
