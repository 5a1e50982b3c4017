import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, api, setCsrfToken } from './api';
import type { Me } from './types';

type Theme = 'light' | 'dark' | 'system';

interface Session {
  /** undefined while loading; null when signed out. */
  me: Me | null | undefined;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  /** After the account is gone: the app as signed out, without asking the API again. */
  forget: () => void;
  applyTheme: (theme: Theme) => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The chosen theme wins over the system's; "system" leaves it to prefers-color-scheme. */
function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const { data } = await api.get<Me>('/v1/me');
      setCsrfToken(data.csrfToken);
      setMe(data);
      const prefs = await api.get<{ preferences: { theme: { value: Theme } } }>('/v1/preferences');
      applyTheme(prefs.data.preferences.theme.value);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(undefined);
        setMe(null);
        applyTheme('system');
      } else {
        // The API is unreachable: show the app signed out rather than a blank page.
        setMe((current) => current ?? null);
      }
    }
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(undefined);
    setMe(null);
    applyTheme('system');
  }, []);

  const signOut = useCallback(async () => {
    await api.post('/auth/logout');
    forget();
  }, [forget]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ me, refresh, signOut, forget, applyTheme }}>
      {children}
    </SessionContext.Provider>
  );
}
