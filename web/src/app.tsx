import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api';
import { Skeletons } from './components';
import { ArticlePage } from './pages/article';
import { SearchPage } from './pages/search';
import { SignInPage } from './pages/sign-in';
import { Link, navigate, useLocation } from './router';
import { useSession } from './session';

// Search, its articles and sign-in ship in the first load; every other page is a chunk fetched
// when someone opens it, so the search page's JavaScript does not grow with them (Insights' charts
// above all). Vite emits them as hashed files the API serves like the rest.
const InsightsPage = lazy(() =>
  import('./pages/insights').then((m) => ({ default: m.InsightsPage })),
);
const SavedPage = lazy(() => import('./pages/saved').then((m) => ({ default: m.SavedPage })));
const HistoryPage = lazy(() => import('./pages/history').then((m) => ({ default: m.HistoryPage })));
const ApiKeysPage = lazy(() =>
  import('./pages/api-keys').then((m) => ({ default: m.ApiKeysPage })),
);
const PreferencesPage = lazy(() =>
  import('./pages/preferences').then((m) => ({ default: m.PreferencesPage })),
);
const ProvidersPage = lazy(() =>
  import('./pages/providers').then((m) => ({ default: m.ProvidersPage })),
);
const GoodbyePage = lazy(() =>
  import('./pages/delete-account').then((m) => ({ default: m.GoodbyePage })),
);

interface Page {
  title: string;
  render: (match: RegExpMatchArray) => React.ReactNode;
}

const PAGES: [RegExp, Page][] = [
  [/^\/(search)?$/, { title: 'Search', render: () => <SearchPage /> }],
  [/^\/articles\/([^/]+)$/, { title: 'Article', render: (m) => <ArticlePage id={m[1] ?? ''} /> }],
  [/^\/sign-in$/, { title: 'Sign in', render: () => <SignInPage /> }],
  [/^\/insights$/, { title: 'Insights', render: () => <InsightsPage /> }],
  [/^\/saved$/, { title: 'Saved', render: () => <SavedPage /> }],
  [/^\/history$/, { title: 'History', render: () => <HistoryPage /> }],
  [/^\/api-keys$/, { title: 'API keys', render: () => <ApiKeysPage /> }],
  [/^\/preferences$/, { title: 'Preferences', render: () => <PreferencesPage /> }],
  [/^\/providers$/, { title: 'Providers', render: () => <ProvidersPage /> }],
  [/^\/goodbye$/, { title: 'Account deleted', render: () => <GoodbyePage /> }],
];

const NAV: [string, string, boolean][] = [
  ['/search', 'Search', false],
  ['/insights', 'Insights', false],
  ['/saved', 'Saved', true],
  ['/history', 'History', true],
  ['/providers', 'Providers', false],
  ['/api-keys', 'API keys', true],
  ['/preferences', 'Preferences', true],
];

export function App() {
  const { pathname } = useLocation();
  const { me, signOut } = useSession();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const main = useRef<HTMLElement>(null);
  const found = PAGES.map(([re, page]) => [pathname.match(re), page] as const).find(([m]) => m);
  const title = found?.[1].title ?? 'Not found';

  useEffect(() => {
    document.title = `${title} · Newsroom`;
  }, [title]);

  const onSignOut = async () => {
    setSignOutError(null);
    try {
      await signOut();
      navigate('/search');
    } catch (error) {
      setSignOutError(`Could not sign out: ${errorMessage(error)}`);
    }
  };

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/search" className="brand">
          Newsroom
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.filter(([, , personal]) => !personal || me).map(([href, label]) => (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={
                    pathname === href || (href === '/search' && pathname === '/')
                      ? 'page'
                      : undefined
                  }
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          {me === undefined ? (
            <span className="muted">…</span>
          ) : me === null ? (
            <Link href={`/sign-in?returnTo=${encodeURIComponent(pathname)}`}>Sign in</Link>
          ) : (
            <>
              <span className="muted">{me.user.displayName}</span>
              <button type="button" className="link" onClick={() => void onSignOut()}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      {signOutError !== null && (
        <div className="note error banner" role="alert">
          <p>{signOutError}</p>
          <button type="button" onClick={() => setSignOutError(null)}>
            Dismiss
          </button>
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        {found?.[0] ? (
          <Suspense fallback={<Skeletons count={3} />}>{found[1].render(found[0])}</Suspense>
        ) : (
          <section>
            <h1>Page not found</h1>
            <p>
              There is nothing at this address. <Link href="/search">Search the news</Link> instead.
            </p>
          </section>
        )}
      </main>
    </>
  );
}
