/**
 * Renders tab components the way the app does — Fluent theme, language, session — with an API
 * client that answers from handlers and records every call. Tests query by role and label.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import type { ComponentType, ReactElement } from 'react';
import { afterAll, beforeAll } from 'vitest';
import { ApiError, type ApiClient, type Query } from '../../tab/api/client';
import { checkAnswer, type SessionView } from '../../core/api';
import { browserHost } from '../../tab/app/host';
import { I18nProvider, type Locale } from '../../tab/app/i18n';
import { useRouteLocation } from '../../tab/app/router';
import type { ViewProps } from '../../tab/app/navigation';
import { SessionProvider } from '../../tab/app/session';

export interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  idempotencyKey?: string;
  etag?: string;
  contentType?: string;
}

type Handler = (call: Call) => unknown | Promise<unknown>;

export interface FakeApi extends ApiClient {
  calls: Call[];
  on(method: Call['method'], path: string | RegExp, handler: Handler): FakeApi;
}

/** An ApiClient answering from handlers; a handler may throw `new ApiError(...)`. Answers must fit their shapes in core/api. */
export function fakeApi(): FakeApi {
  const handlers: { method: string; path: string | RegExp; handler: Handler }[] = [];
  const calls: Call[] = [];
  const dispatch = async (call: Call) => {
    calls.push(call);
    const h = [...handlers].reverse().find((x) => x.method === call.method && (typeof x.path === 'string' ? x.path === call.path : x.path.test(call.path)));
    if (!h) throw new ApiError(404, { error: 'not_found', message: `no handler for ${call.method} ${call.path}` });
    const answer = await h.handler(call);
    // What a test answers is checked against the route's shape, as the server's answers are.
    const { route, issues } = checkAnswer(call.method, call.path, 200, answer);
    if (issues.length) throw new Error(`the test's answer to ${call.method} ${call.path} differs from core/api (${route}): ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    return answer;
  };
  const api: FakeApi = {
    calls,
    on(method, path, handler) {
      handlers.push({ method, path, handler });
      return api;
    },
    get: (path, query) => dispatch({ method: 'GET', path, ...(query ? { query } : {}) }) as Promise<never>,
    post: (path, body, { idempotencyKey, etag }) => dispatch({ method: 'POST', path, body, idempotencyKey, ...(etag ? { etag } : {}) }) as Promise<never>,
    patch: (path, body, { etag }) => dispatch({ method: 'PATCH', path, body, etag }) as Promise<never>,
    upload: (path, bytes, { idempotencyKey, contentType }) => dispatch({ method: 'POST', path, body: bytes, idempotencyKey, contentType }) as Promise<never>,
    put: (path, body, { idempotencyKey, etag }) => dispatch({ method: 'PUT', path, body, idempotencyKey, ...(etag ? { etag } : {}) }) as Promise<never>,
    download: async (path, query) => {
      const answer = (await dispatch({ method: 'GET', path, ...(query ? { query } : {}) })) as { bytes: string; fileName: string | null };
      return { blob: new Blob([answer.bytes]), fileName: answer.fileName };
    },
    remove: (path, { etag }) => dispatch({ method: 'DELETE', path, etag }) as Promise<never>,
  };
  return api;
}

export const ME: Record<'isam' | 'lead' | 'staff' | 'owner', SessionView> = {
  isam: { id: 'd0000000-0000-4000-8000-000000000002', name: 'Henrik Sandberg', email: null, unit: 'LEDN', roles: ['isam'], permissions: { createAsset: true, governAssets: true } },
  lead: { id: 'd0000000-0000-4000-8000-000000000004', name: 'Maria Lundgren', email: null, unit: 'LEDN', roles: ['ambassador', 'classification_lead'], permissions: { createAsset: true, governAssets: true } },
  staff: { id: 'd0000000-0000-4000-8000-000000000016', name: 'Johanna Berg', email: null, unit: 'EKB', roles: [], permissions: { createAsset: false, governAssets: false } },
  owner: { id: 'd0000000-0000-4000-8000-000000000030', name: 'Thomas Granlund', email: null, unit: 'IFO', roles: ['manager'], permissions: { createAsset: false, governAssets: false } },
};

export function renderWithSession(ui: ReactElement, options: { api: FakeApi; me?: SessionView; locale?: Locale }): RenderResult {
  const host = { ...browserHost(window), locale: options.locale ?? 'sv' };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={options.locale ?? 'sv'}>
        <SessionProvider value={{ me: options.me ?? ME.isam, api: options.api, host, switchPerson: null }}>{ui}</SessionProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

export function renderPlain(ui: ReactElement, locale: Locale = 'sv'): RenderResult {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={locale}>{ui}</I18nProvider>
    </FluentProvider>,
  );
}

/** A view fed from the address like the shell feeds it: the query follows `location.hash`. */
export function Routed({ view: View, params = {} }: { view: ComponentType<ViewProps>; params?: Record<string, string> }) {
  const location = useRouteLocation();
  return <View params={params} query={location.query} />;
}

/**
 * A dialog's exit animation cancelled by a test's cleanup rejects the animation's `finished` promise,
 * which browsers mark as handled (Web Animations) and happy-dom does not: do as browsers do, for
 * the file's tests (call at the top of a test file).
 */
export function handleCancelledAnimations(): void {
  const animate = Element.prototype.animate;
  beforeAll(() => {
    Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
      const animation = animate.apply(this, args);
      animation.finished?.catch(() => undefined);
      return animation;
    };
  });
  afterAll(() => {
    Element.prototype.animate = animate;
  });
}
