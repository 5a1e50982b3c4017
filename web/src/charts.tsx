import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

/*
 * Small hand-rolled SVG charts for the Insights page. A chart library (Recharts, Chart.js, even
 * uPlot) would add 40-150 kB of JavaScript for three chart shapes that take ~150 lines here; this
 * module ships only in the lazily loaded Insights chunk, so the search page pays nothing for it.
 * Every chart is drawn for sighted readers (role="img" with a one-sentence summary) and backed by
 * a real <table> of the same numbers in a <details>, which screen readers and keyboards reach.
 */

// Room on the right for the last day's label, centred under its bar.
const PAD = { top: 12, right: 26, bottom: 28, left: 44 };

/** The drawing's size in user units; its text stays 12 units, so about 12 px on any screen. */
interface Size {
  w: number;
  h: number;
}
const WIDE: Size = { w: 640, h: 220 };
const NARROW: Size = { w: 360, h: 220 };
const phone = () => window.matchMedia('(max-width: 40rem)');

/** A phone gets a narrower drawing rather than a shrunken wide one. */
function useChartSize(): Size {
  const narrow = useSyncExternalStore(
    (onChange) => {
      const query = phone();
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => phone().matches,
  );
  return narrow ? NARROW : WIDE;
}

const SizeContext = createContext<Size>(WIDE);

/** The drawing's size and its plot area (inside the axes' padding). */
function useSize() {
  const size = useContext(SizeContext);
  const { w: W, h: H } = size;
  return { W, H, PLOT_W: W - PAD.left - PAD.right, PLOT_H: H - PAD.top - PAD.bottom };
}

const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const hour = new Intl.DateTimeFormat(undefined, { hour: 'numeric', timeZone: 'UTC' });

/** A bucket's start as the axis shows it: "Nov 27", or "3 PM" for hourly buckets. */
export const bucketLabel = (iso: string, interval: 'day' | 'hour') =>
  (interval === 'day' ? day : hour).format(new Date(iso));

export interface Table {
  head: string[];
  rows: (string | number)[][];
}

/** The frame every chart shares: caption, the drawing, and the data table behind it. */
export function Chart(props: {
  id: string;
  title: string;
  summary: string;
  legend?: ReactNode;
  table: Table;
  children: ReactNode;
}) {
  const { id, title, summary, legend, table, children } = props;
  const size = useChartSize();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {legend}
      <svg
        viewBox={`0 0 ${size.w} ${size.h}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
        preserveAspectRatio="xMidYMid meet"
      >
        <SizeContext.Provider value={size}>{children}</SizeContext.Provider>
      </svg>
      <p id={`${id}-summary`} className="help">
        {summary}
      </p>
      <details className="chart-data">
        <summary>{title}: data table</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {table.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={j}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Gridlines and labels for a y axis from `min` to `max`, with the given tick values. */
function YAxis({
  ticks,
  y,
  format,
}: {
  ticks: number[];
  y: (v: number) => number;
  format: (v: number) => string;
}) {
  const { W } = useSize();
  return (
    <g className="axis">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** First, middle and last labels under the plot: enough to read the period without clutter. */
function XLabels({ labels }: { labels: string[] }) {
  const { H, PLOT_W } = useSize();
  const n = labels.length;
  if (n === 0) return null;
  const picks = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  const x = (i: number) => PAD.left + ((i + 0.5) / n) * PLOT_W;
  return (
    <g className="axis">
      {picks.map((i) => (
        <text key={i} x={x(i)} y={H - 8} textAnchor="middle">
          {labels[i]}
        </text>
      ))}
    </g>
  );
}

/** A tidy maximum for a count axis: 1, 2, 5, 10, 20, 50, ... at or above `max`. */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= max) ?? 10 * power;
}

/** Bars per bucket, stacked by series (one colour class per series index). */
export function StackedBars(props: { labels: string[]; series: string[]; values: number[][] }) {
  const { labels, series, values } = props;
  const { PLOT_W, PLOT_H } = useSize();
  const top = niceMax(Math.max(0, ...values.map((v) => v.reduce((a, b) => a + b, 0))));
  const y = (v: number) => PAD.top + PLOT_H - (v / top) * PLOT_H;
  const band = PLOT_W / Math.max(labels.length, 1);
  const barW = Math.max(band * 0.7, 1);
  return (
    <>
      <YAxis ticks={[0, top / 2, top]} y={y} format={(v) => String(Math.round(v))} />
      {values.map((stack, i) => {
        let base = 0;
        return (
          <g key={i}>
            {stack.map((v, s) => {
              if (v === 0) return null;
              const rect = (
                <rect
                  key={series[s]}
                  className={`series-${s % 4}`}
                  x={PAD.left + i * band + (band - barW) / 2}
                  y={y(base + v)}
                  width={barW}
                  height={y(base) - y(base + v)}
                >
                  <title>{`${labels[i] ?? ''}, ${series[s] ?? ''}: ${v}`}</title>
                </rect>
              );
              base += v;
              return rect;
            })}
          </g>
        );
      })}
      <XLabels labels={labels} />
    </>
  );
}

/** A line of means on [-1, 1] with a band of one standard deviation either side; gaps stay gaps. */
export function BandLine(props: {
  labels: string[];
  points: { mean: number | null; spread: number | null }[];
}) {
  const { labels, points } = props;
  const { PLOT_W, PLOT_H } = useSize();
  const y = (v: number) => PAD.top + PLOT_H - ((Math.max(-1, Math.min(1, v)) + 1) / 2) * PLOT_H;
  const x = (i: number) => PAD.left + ((i + 0.5) / Math.max(points.length, 1)) * PLOT_W;
  // Runs of consecutive buckets that have a mean: each is one line and one band.
  const runs: number[][] = [];
  points.forEach((p, i) => {
    if (p.mean === null) return;
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  });
  const at = (i: number) => points[i] ?? { mean: 0, spread: 0 };
  return (
    <>
      <YAxis ticks={[-1, 0, 1]} y={y} format={(v) => (v > 0 ? `+${v}` : String(v))} />
      {runs.map((run) => {
        const upper = run.map((i) => `${x(i)},${y((at(i).mean ?? 0) + (at(i).spread ?? 0))}`);
        const lower = run
          .slice()
          .reverse()
          .map((i) => `${x(i)},${y((at(i).mean ?? 0) - (at(i).spread ?? 0))}`);
        const line = run.map((i) => `${x(i)},${y(at(i).mean ?? 0)}`).join(' ');
        return (
          <g key={run[0]}>
            <polygon className="band" points={[...upper, ...lower].join(' ')} />
            <polyline className="line" points={line} />
            {run.map((i) => (
              <circle key={i} className="dot" cx={x(i)} cy={y(at(i).mean ?? 0)} r={3}>
                <title>{`${labels[i] ?? ''}: mean ${(at(i).mean ?? 0).toFixed(2)}`}</title>
              </circle>
            ))}
          </g>
        );
      })}
      <XLabels labels={labels} />
    </>
  );
}

/** A ranked list whose bars are decoration: each row's name and number are text already. */
export function BarList(props: {
  label: string;
  items: { key: string; name: ReactNode; value: number; text: string }[];
}) {
  const max = Math.max(1, ...props.items.map((i) => i.value));
  return (
    <ol className="bar-list" aria-label={props.label}>
      {props.items.map((item) => (
        <li key={item.key}>
          <span className="bar-name">{item.name}</span>
          <span className="bar-value">{item.text}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${(item.value / max) * 100}%` }} />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Colour keys for the series of a chart, in the same classes the bars use. */
export function Legend({ series }: { series: string[] }) {
  return (
    <ul className="legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s}>
          <span className={`swatch series-${i % 4}`} /> {s}
        </li>
      ))}
    </ul>
  );
}

/**
 * What a chart looks like while its data loads: its caption and a block of the drawing's own
 * shape (and room for the summary and table toggle), so the page does not shift when it arrives.
 */
export function ChartSkeleton({ title }: { title: string }) {
  const size = useChartSize();
  return (
    <figure className="chart" aria-hidden="true">
      <figcaption>{title}</figcaption>
      <div className="skeleton" style={{ height: 'auto', aspectRatio: `${size.w} / ${size.h}` }} />
      <div className="skeleton chart-skeleton-text" />
    </figure>
  );
}
