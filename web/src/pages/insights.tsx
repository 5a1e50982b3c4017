import type { SyntheticEvent } from 'react';
import { api, field, withQuery } from '../api';
import {
  BandLine,
  BarList,
  Chart,
  ChartSkeleton,
  Legend,
  StackedBars,
  bucketLabel,
} from '../charts';
import { ErrorNote, SelectField, Skeletons, useLoad } from '../components';
import { Link, navigate, useLocation } from '../router';
import type { TopEntities, Trending, Trends } from '../types';

const PERIODS: [string, string][] = [
  ['2', 'Last 48 hours (hourly)'],
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
];
const WINDOWS: [string, string][] = [
  ['24h', 'the last 24 hours'],
  ['7d', 'the last 7 days'],
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** "Everything about X": a search for the name as a phrase. */
export const aboutHref = (name: string) => withQuery('/search', { q: `"${name}"` });

/** Volume, sentiment and entities for a query; three independent requests, sent at once. */
export function InsightsPage() {
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const days = PERIODS.some(([d]) => d === params.get('days')) ? (params.get('days') ?? '') : '30';
  const trendWindow = params.get('window') === '7d' ? '7d' : '24h';
  const interval = days === '2' ? 'hour' : 'day';
  // Whole UTC days, so the buckets line up with the calendar; hourly from 48 hours back.
  const from = interval === 'hour' ? undefined : isoDay(Date.now() - (Number(days) - 1) * DAY);
  const period = { q, from, interval };

  const [trends, reloadTrends] = useLoad(withQuery('trends', period), async () => {
    return (await api.get<Trends>('/v1/insights/trends', period)).data;
  });
  const entityQuery = { q, from: from ?? isoDay(Date.now() - DAY), limit: 10 };
  const [entities, reloadEntities] = useLoad(withQuery('entities', entityQuery), async () => {
    return (await api.get<TopEntities>('/v1/insights/entities', entityQuery)).data;
  });
  const trendingQuery = { window: trendWindow, limit: 10, minArticles: 2 };
  const [trending, reloadTrending] = useLoad(withQuery('trending', trendingQuery), async () => {
    return (await api.get<Trending>('/v1/insights/trending', trendingQuery)).data;
  });

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    navigate(
      withQuery('/insights', {
        q: field(form, 'q').trim(),
        days: field(form, 'days') === '30' ? '' : field(form, 'days'),
        window: field(form, 'window') === '24h' ? '' : field(form, 'window'),
      }),
    );
  };

  const about = q === '' ? 'all stored stories' : `stories matching “${q}”`;
  return (
    <section aria-labelledby="insights-title" className="insights">
      <h1 id="insights-title">Insights</h1>
      <form key={`${q}|${days}|${trendWindow}`} className="search card" onSubmit={submit}>
        <label htmlFor="insights-q">Stories about (empty for everything stored)</label>
        <div className="search-row">
          <input id="insights-q" name="q" type="search" defaultValue={q} maxLength={500} />
          <button type="submit">Show</button>
        </div>
        <div className="filter-grid">
          <SelectField label="Period" name="days" options={PERIODS} defaultValue={days} />
          <SelectField
            label="Trending over"
            name="window"
            options={WINDOWS}
            defaultValue={trendWindow}
          />
        </div>
        <p className="help">
          Insights count the stories Newsroom has stored, which are the ones searches have found.
          {q !== '' && (
            <>
              {' '}
              <Link href={withQuery('/search', { q })}>Search for “{q}” now</Link> to bring in more.
            </>
          )}
        </p>
      </form>

      <div className="insight-grid">
        <section aria-labelledby="volume-title" className="card">
          <h2 id="volume-title">Volume and sentiment</h2>
          {trends.state === 'loading' ? (
            <>
              {/* The periods of two days are drawn by the hour (PERIODS). */}
              <ChartSkeleton title={`Stories per ${days === '2' ? 'hour' : 'day'} by provider`} />
              <ChartSkeleton title={`Mean sentiment per ${days === '2' ? 'hour' : 'day'}`} />
            </>
          ) : trends.state === 'error' ? (
            <ErrorNote error={trends.error} onRetry={reloadTrends} />
          ) : (
            <TrendCharts trends={trends.value} about={about} />
          )}
        </section>

        <section aria-labelledby="entities-title" className="card">
          <h2 id="entities-title">Most named</h2>
          {entities.state === 'loading' ? (
            <Skeletons count={3} />
          ) : entities.state === 'error' ? (
            <ErrorNote error={entities.error} onRetry={reloadEntities} />
          ) : entities.value.entities.length === 0 ? (
            <p className="note">
              No people, organisations or places found in {about} yet. New stories are analysed
              within a minute or two.
            </p>
          ) : (
            <BarList
              label={`People, organisations and places most named in ${about}`}
              items={entities.value.entities.map((e) => ({
                key: e.id,
                name: (
                  <Link href={aboutHref(e.name)} title={`Everything about ${e.name} (${e.kind})`}>
                    {e.name}
                  </Link>
                ),
                value: e.articles,
                text: `${e.articles} ${e.articles === 1 ? 'story' : 'stories'}`,
              }))}
            />
          )}
        </section>

        <section aria-labelledby="trending-title" className="card">
          <h2 id="trending-title">Trending</h2>
          <p className="help">
            Named more in {WINDOWS.find(([w]) => w === trendWindow)?.[1]} than in the seven periods
            before (all stored stories).
          </p>
          {trending.state === 'loading' ? (
            <Skeletons count={3} />
          ) : trending.state === 'error' ? (
            <ErrorNote error={trending.error} onRetry={reloadTrending} />
          ) : trending.value.entities.length === 0 ? (
            <p className="note">Nothing is trending: no name appears in two or more new stories.</p>
          ) : (
            <BarList
              label="Trending people, organisations and places"
              items={trending.value.entities.map((e) => ({
                key: e.id,
                name: (
                  <Link href={aboutHref(e.name)} title={`Everything about ${e.name} (${e.kind})`}>
                    {e.name}
                  </Link>
                ),
                value: e.ratio,
                text: `${e.recent} new, ${e.ratio.toFixed(1)}× usual`,
              }))}
            />
          )}
        </section>
      </div>
    </section>
  );
}

function TrendCharts({ trends, about }: { trends: Trends; about: string }) {
  const { buckets, interval } = trends;
  const total = buckets.reduce((sum, b) => sum + b.articles, 0);
  if (total === 0) {
    return <p className="note">No {about} in this period. Try a longer period or fewer words.</p>;
  }
  const labels = buckets.map((b) => bucketLabel(b.start, interval));
  const providers = [...new Set(buckets.flatMap((b) => Object.keys(b.providers)))].sort();
  const values = buckets.map((b) => providers.map((p) => b.providers[p] ?? 0));
  // Bars stack each provider's count, so the peak is read the same way the bars are drawn.
  const carried = values.map((v) => v.reduce((a, b) => a + b, 0));
  const peakAt = carried.indexOf(Math.max(...carried));
  const analysed = buckets.filter((b) => b.sentiment.mean !== null);
  const overall =
    analysed.reduce((sum, b) => sum + (b.sentiment.mean ?? 0) * b.sentiment.analysed, 0) /
    Math.max(
      1,
      analysed.reduce((sum, b) => sum + b.sentiment.analysed, 0),
    );
  const unit = interval === 'day' ? 'day' : 'hour';
  return (
    <>
      <Chart
        id="volume-chart"
        title={`Stories per ${unit} by provider`}
        summary={`${total} stories in all. A story carried by several providers counts once for each, so bars can be taller than the day's stories. The busiest ${unit} was ${labels[peakAt] ?? ''}: ${buckets[peakAt]?.articles ?? 0} stories, ${carried[peakAt] ?? 0} by provider.`}
        legend={<Legend series={providers} />}
        table={{
          head: [unit === 'day' ? 'Day' : 'Hour (UTC)', 'Stories', ...providers],
          rows: buckets.map((b, i) => [labels[i] ?? '', b.articles, ...(values[i] ?? [])]),
        }}
      >
        <StackedBars labels={labels} series={providers} values={values} />
      </Chart>
      <Chart
        id="sentiment-chart"
        title={`Mean sentiment per ${unit}`}
        summary={
          analysed.length === 0
            ? 'No story in this period has been analysed yet.'
            : `From −1 (negative) to +1 (positive); the shaded band spans one standard deviation either side of the mean. Overall mean ${overall.toFixed(2)}.`
        }
        table={{
          head: [unit === 'day' ? 'Day' : 'Hour (UTC)', 'Analysed', 'Mean', 'Std. dev.'],
          rows: buckets.map((b, i) => [
            labels[i] ?? '',
            b.sentiment.analysed,
            b.sentiment.mean?.toFixed(2) ?? '–',
            b.sentiment.stddev?.toFixed(2) ?? '–',
          ]),
        }}
      >
        <BandLine
          labels={labels}
          points={buckets.map((b) => ({ mean: b.sentiment.mean, spread: b.sentiment.stddev }))}
        />
      </Chart>
    </>
  );
}
