import { describe, expect, it } from 'vitest';
import { ConfigError, LOCAL_TENANT_ID, loadConfig } from '../../bot/config';

const m365 = {
  LIS_MODE: 'm365',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppTenantId: '66666666-7777-4888-9999-000000000000',
  MicrosoftAppManagedIdentityClientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  TAB_CLIENT_ID: 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff',
  SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2',
  PUBLIC_URL: 'https://lis.example.org',
};

describe('configuration', () => {
  it('defaults to local mode on loopback with the demo tenant', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: 'local', host: '127.0.0.1', port: 3978, tenantId: LOCAL_TENANT_ID, local: { graphPort: 4010, dataDir: '.data' }, m365: null });
    expect(c.recertificationMonths).toEqual([3, 9]);
    expect(c.investigationDays).toBe(30);
  });

  it('reads the reporting settings: the organisation, a central reporting function, the escalation interval', () => {
    expect(loadConfig({})).toMatchObject({ organisation: { name: 'Stadsdelsförvaltning Söderbyn', orgNumber: null }, centralReporting: null, escalationHours: 4 });
    expect(loadConfig(m365).organisation).toEqual({ name: null, orgNumber: null });
    const central = loadConfig({ ORGANISATION_NAME: 'Södermalms stadsdelsförvaltning', ORGANISATION_NUMBER: '212000-0142', CENTRAL_REPORTING_NAME: 'Stadsledningskontoret', CENTRAL_REPORTING_EMAIL: 'sakerhet@stockholm.example', CENTRAL_REPORTING_FOR: 'mcf, imy', ESCALATION_HOURS: '6' });
    expect(central).toMatchObject({
      organisation: { name: 'Södermalms stadsdelsförvaltning', orgNumber: '212000-0142' },
      centralReporting: { name: 'Stadsledningskontoret', email: 'sakerhet@stockholm.example', regimes: ['mcf', 'imy'] },
      escalationHours: 6,
    });
    expect(() => loadConfig({ CENTRAL_REPORTING_NAME: 'X', CENTRAL_REPORTING_FOR: 'msb' })).toThrow(/CENTRAL_REPORTING_FOR/);
    expect(() => loadConfig({ CENTRAL_REPORTING_NAME: 'X', CENTRAL_REPORTING_EMAIL: 'not an address' })).toThrow(/CENTRAL_REPORTING_EMAIL/);
    expect(() => loadConfig({ ESCALATION_HOURS: '0' })).toThrow(/ESCALATION_HOURS/);
  });

  it('refuses to expose local mode beyond loopback', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/loopback only/);
  });

  it('refuses Microsoft 365 mode without app id, tenant and site, naming what is missing', () => {
    expect(() => loadConfig({ LIS_MODE: 'm365' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIS_MODE: 'm365' })).toThrow(/MicrosoftAppId, MicrosoftAppTenantId, SHAREPOINT_SITE_ID, PUBLIC_URL/);
    expect(() => loadConfig({ ...m365, SHAREPOINT_SITE_ID: '' })).toThrow(/SHAREPOINT_SITE_ID/);
    expect(() => loadConfig({ ...m365, MicrosoftAppManagedIdentityClientId: undefined })).toThrow(/credential/);
    // A managed identity cannot sign users in to the tab: its own app registration must be named.
    expect(() => loadConfig({ ...m365, TAB_CLIENT_ID: undefined })).toThrow(/TAB_CLIENT_ID/);
    expect(loadConfig({ ...m365, TAB_CLIENT_ID: undefined, MicrosoftAppManagedIdentityClientId: undefined, MicrosoftAppPassword: 'from-key-vault' }).m365!.tab.clientId).toBe(m365.MicrosoftAppId);
    expect(() => loadConfig({ ...m365, MicrosoftAppId: 'my-bot' })).toThrow(/GUID/);
  });

  it('starts Microsoft 365 mode when everything is set', () => {
    expect(loadConfig(m365)).toMatchObject({ mode: 'm365', tenantId: m365.MicrosoftAppTenantId, m365: { siteId: m365.SHAREPOINT_SITE_ID, graphBaseUrl: 'https://graph.microsoft.com' }, local: null });
  });

  it('validates settings', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ RECERTIFICATION_MONTHS: '3,13' })).toThrow(/RECERTIFICATION_MONTHS/);
    expect(loadConfig({ RECERTIFICATION_MONTHS: '10, 4' }).recertificationMonths).toEqual([4, 10]);
    expect(() => loadConfig({ LIS_MODE: 'prod' })).toThrow(/LIS_MODE/);
  });

  it('reads the days before an ambassador meeting its invitation is posted', () => {
    expect(loadConfig({}).ambassadorInviteDays).toBe(7);
    expect(loadConfig({ AMBASSADOR_INVITE_DAYS: '10' }).ambassadorInviteDays).toBe(10);
    expect(() => loadConfig({ AMBASSADOR_INVITE_DAYS: '0' })).toThrow(/AMBASSADOR_INVITE_DAYS/);
    expect(() => loadConfig({ AMBASSADOR_INVITE_DAYS: 'en vecka' })).toThrow(/AMBASSADOR_INVITE_DAYS/);
  });
});
