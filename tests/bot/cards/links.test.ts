/** Links from cards to records: the tab's address locally, a Teams deep link with the app id. */
import { describe, expect, it } from 'vitest';
import { recordLinks } from '../../../bot/cards/links';
import { loadConfig } from '../../../bot/config';

describe('record links', () => {
  it('point at the tab’s route locally', () => {
    expect(recordLinks({ publicUrl: 'http://127.0.0.1:3978/' }).to('/incidents/42')).toBe('http://127.0.0.1:3978/#/incidents/42');
  });

  it('are Teams deep links to the personal tab when the app id is known', () => {
    const url = new URL(recordLinks({ publicUrl: 'https://lis.example.org', teamsAppId: '11111111-2222-4333-8444-555555555555' }).to('/incidents/42')!);
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/entity/11111111-2222-4333-8444-555555555555/lis-overview');
    expect(url.searchParams.get('webUrl')).toBe('https://lis.example.org/#/incidents/42');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: '/incidents/42' });
  });

  it('are made only for register and record routes', () => {
    const links = recordLinks({ publicUrl: 'https://lis.example.org' });
    for (const bad of ['incidents/42', '/incidents/42/../../x', '//evil.example', '/incidents/0', '/x?y=1']) expect(links.to(bad), bad).toBeNull();
  });

  it('take the app id from TEAMS_APP_ID (a GUID) in the configuration', () => {
    expect(loadConfig({ TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555' }).teamsAppId).toBe('11111111-2222-4333-8444-555555555555');
    expect(loadConfig({ TEAMS_APP_ID: 'not-a-guid' }).teamsAppId).toBeNull();
    expect(loadConfig({}).botRate).toEqual({ user: { burst: 60, perSecond: 2 }, tenant: { burst: 600, perSecond: 20 } });
    expect(loadConfig({ BOT_RATE_USER: '10/0.5' }).botRate.user).toEqual({ burst: 10, perSecond: 0.5 });
    expect(() => loadConfig({ BOT_RATE_TENANT: 'lots' })).toThrow(/BOT_RATE_TENANT/);
  });
});
