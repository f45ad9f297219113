/** The tab's Entra app in Microsoft 365 mode: defaults from the bot's app, overrides, and checks. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../bot/config';

const m365 = {
  LIS_MODE: 'm365',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppTenantId: '66666666-7777-4888-9999-000000000000',
  // With a password (from Key Vault) the bot's own app registration can also be the tab's.
  MicrosoftAppPassword: 'from-key-vault',
  SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2',
  PUBLIC_URL: 'https://lis.example.org',
};

describe('tab sign-in settings', () => {
  it('default to the bot’s app id, an app id URI on the public host, access_as_user and the app role LIS.User', () => {
    expect(loadConfig(m365).m365!.tab).toEqual({
      clientId: m365.MicrosoftAppId,
      appIdUri: `api://lis.example.org/${m365.MicrosoftAppId}`,
      scope: 'access_as_user',
      authorityHost: 'https://login.microsoftonline.com',
      appRole: 'LIS.User',
    });
  });

  it('must name the tab app when the bot runs on a managed identity', () => {
    const { MicrosoftAppPassword: _password, ...withoutPassword } = m365;
    expect(() => loadConfig({ ...withoutPassword, MicrosoftAppManagedIdentityClientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' })).toThrow(/TAB_CLIENT_ID/);
  });

  it('can name a separate tab app and URI', () => {
    const tab = loadConfig({ ...m365, TAB_CLIENT_ID: '22222222-3333-4444-8555-666666666666', TAB_APP_ID_URI: 'api://lis.example.org/tab', TAB_API_SCOPE: 'LIS.Use' }).m365!.tab;
    expect(tab).toMatchObject({ clientId: '22222222-3333-4444-8555-666666666666', appIdUri: 'api://lis.example.org/tab', scope: 'LIS.Use' });
  });

  it('refuses a tab client id that is not a GUID and an authority that is not https', () => {
    expect(() => loadConfig({ ...m365, TAB_CLIENT_ID: 'my-tab' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...m365, ENTRA_AUTHORITY_HOST: 'http://login.example.org' })).toThrow(/https/);
    expect(loadConfig({ ...m365, ENTRA_AUTHORITY_HOST: 'http://127.0.0.1:4555/' }).m365!.tab.authorityHost).toBe('http://127.0.0.1:4555');
  });

  it('is not part of local mode', () => {
    expect(loadConfig({}).m365).toBeNull();
  });
});
