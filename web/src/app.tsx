import { useEffect, useRef } from 'react';
import { errorMessage } from './api';
import { ApiKeysPage } from './pages/api-keys';
import { ArticlePage } from './pages/article';
import { HistoryPage } from './pages/history';
import { PreferencesPage } from './pages/preferences';
import { ProvidersPage } from './pages/providers';
import { SavedPage } from './pages/saved';
import { SearchPage } from './pages/search';
import { SignInPage } from './pages/sign-in';
import { Link, navigate, useLocation } from './router';
import { useSession } from './session';

interface Page {
  title: string;
  render: (match: RegExpMatchArray) => React.ReactNode;
}

const PAGES: [RegExp, Page][] = [
  [/^\/(search)?$/, { title: 'Search', render: () => <SearchPage /> }],
  [/^\/articles\/([^/]+)$/, { title: 'Article', render: (m) => <ArticlePage id={m[1] ?? ''} /> }],
  [/^\/sign-in$/, { title: 'Sign in', render: () => <SignInPage /> }],
  [/^\/saved$/, { title: 'Saved', render: () => <SavedPage /> }],
  [/^\/history$/, { title: 'History', render: () => <HistoryPage /> }],
  [/^\/api-keys$/, { title: 'API keys', render: () => <ApiKeysPage /> }],
  [/^\/preferences$/, { title: 'Preferences', render: () => <PreferencesPage /> }],
  [/^\/providers$/, { title: 'Providers', render: () => <ProvidersPage /> }],
];

const NAV: [string, string, boolean][] = [
  ['/search', 'Search', false],
  ['/saved', 'Saved', true],
  ['/history', 'History', true],
  ['/providers', 'Providers', false],
  ['/api-keys', 'API keys', true],
  ['/preferences', 'Preferences', true],
];

export function App() {
  const { pathname } = useLocation();
  const { me, signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const found = PAGES.map(([re, page]) => [pathname.match(re), page] as const).find(([m]) => m);
  const title = found?.[1].title ?? 'Not found';

  useEffect(() => {
    document.title = `${title} · Newsroom`;
  }, [title]);

  const onSignOut = async () => {
    try {
      await signOut();
      navigate('/search');
    } catch (error) {
      window.alert(errorMessage(error));
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
      <main id="main" ref={main} tabIndex={-1}>
        {found?.[0] ? (
          found[1].render(found[0])
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
