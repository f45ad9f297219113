/**
 * The tab may not import core/app (ARCHITECTURE.md), so it declares the API's JSON shapes itself
 * (tab/api/types.ts). These checks run in `npm run typecheck`: when the server's shapes and the
 * tab's drift apart, the build fails here rather than in a browser.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type * as Server from '../../core/app/assets';
import type { Dashboard as ServerDashboard } from '../../core/app/dashboard';
import type { PersonSummary as ServerPerson, SessionView as ServerSession } from '../../core/app/tab-session';
import type { TabAuthConfig as ServerAuthConfig } from '../../bot/api/router';
import type { IssuedToken as ServerToken } from '../../bot/api/auth/local-tokens';
import type * as Tab from '../../tab/api/types';

describe('API contract between core/app and the tab', () => {
  it('has the same session and people shapes', () => {
    expectTypeOf<Tab.SessionView>().toEqualTypeOf<ServerSession>();
    expectTypeOf<Tab.PersonSummary>().toEqualTypeOf<ServerPerson>();
    expectTypeOf<Tab.TabAuthConfig>().toEqualTypeOf<ServerAuthConfig>();
    expectTypeOf<Tab.IssuedToken>().toEqualTypeOf<ServerToken>();
  });

  it('has the same asset shapes', () => {
    expectTypeOf<Tab.AssetRow>().toEqualTypeOf<Server.AssetRow>();
    expectTypeOf<Tab.AssetView>().toEqualTypeOf<Server.AssetView>();
    expectTypeOf<Tab.AssetPage>().toEqualTypeOf<Server.AssetPage>();
    expectTypeOf<Tab.AssetSortField>().toEqualTypeOf<Server.AssetSortField>();
    // What the form sends is what the server accepts.
    expectTypeOf<Tab.AssetInput>().toExtend<Server.AssetInput>();
    expectTypeOf<Required<Server.AssetListQuery>['sort']>().toEqualTypeOf<Tab.AssetSortField>();
  });

  it('has the same overview', () => {
    expectTypeOf<Tab.Dashboard>().toEqualTypeOf<ServerDashboard>();
  });
});
