/** The signed-in person and the API client, for every view. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import { commonApi } from '../api/common';
import type { SessionView } from '../../core/api';
import type { Host } from './host';

export interface Session {
  me: SessionView;
  api: ApiClient;
  host: Host;
  /** Local mode: back to the demo sign-in. */
  switchPerson: (() => void) | null;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function useCommonApi() {
  const { api } = useSession();
  return useMemo(() => commonApi(api), [api]);
}
