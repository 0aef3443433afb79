/** A few DOM helpers: every text goes in as text, never as HTML. */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) el.append(child);
  }
  return el;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `12-07 16:30`, in the browser's time zone. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `75.8%`, or `—` when there is nothing to count over. */
export const percent = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
