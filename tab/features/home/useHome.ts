/** Loads the signed-in person's home, and decides access requests from it. */
import { useMemo } from 'react';
import type { HomeView } from '../../../core/api';
import { useSession } from '../../app/session';
import { useAsync, type AsyncState } from '../../components/useAsync';
import { homeApi, type HomeApi } from './api';

export interface HomeState {
  home: AsyncState<HomeView>;
  api: HomeApi;
}

export function useHome(): HomeState {
  const { api } = useSession();
  const calls = useMemo(() => homeApi(api), [api]);
  const home = useAsync(() => calls.home(), [calls]);
  return { home, api: calls };
}
