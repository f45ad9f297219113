/**
 * The Agents Toolkit project (teams-app/m365): the lifecycle file, the environment template, the
 * Bicep and the tab's Entra manifest agree with each other and with what the server reads. No
 * Azure here: the files are checked as text, and the app settings the Bicep writes are fed to the
 * server's own configuration loader.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAB_APP_ROLE, loadConfig } from '../../../bot/config';

const root = path.resolve(import.meta.dirname, '../../..');
const project = path.join(root, 'teams-app/m365');
const read = (rel: string) => readFileSync(path.join(project, rel), 'utf8');

const yml = read('m365agents.yml');
const bicep = read('infra/azure.bicep');
const entra = read('infra/entra.bicep');
const entraParameters = JSON.parse(read('infra/entra.parameters.json')) as { parameters: Record<string, { value: string }> };
const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: string }> };
const aad = JSON.parse(read('aad.manifest.json')) as Record<string, any>;
const envFile = read('env/.env.dev');
const envKeys = new Map(
  envFile
    .split('\n')
    .filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
);

/** `- uses:` actions per lifecycle stage, in order (a small reader for this one file's shape). */
function stages(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let stage: string | null = null;
  for (const line of text.split('\n')) {
    const top = /^([a-zA-Z]+):\s*$/.exec(line);
    if (top) {
      stage = top[1]!;
      out[stage] = [];
      continue;
    }
    if (/^\S/.test(line)) stage = null;
    const uses = /^ {2}- uses: (\S+)/.exec(line);
    if (uses && stage) out[stage]!.push(uses[1]!);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);

describe('m365agents.yml', () => {
  it('has provision and deploy stages with the actions the guide describes', () => {
    expect(yml).toMatch(/^version: v1\.\d+$/m);
    expect(stages(yml)).toEqual({
      provision: ['teamsApp/create', 'aadApp/create', 'arm/deploy', 'aadApp/update', 'arm/deploy', 'script', 'teamsApp/validateAppPackage', 'teamsApp/update'],
      deploy: ['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy'],
    });
    expect(yml).toMatch(/generateClientSecret: false/);
    expect(yml).toMatch(/signInAudience: AzureADMyOrg/);
  });

  it('points at files that exist and npm scripts that exist', () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const rel of ['./infra/azure.bicep', './infra/azure.parameters.json', './infra/entra.bicep', './infra/entra.parameters.json', './aad.manifest.json']) {
      expect(yml).toContain(rel);
      expect(existsSync(path.join(project, rel)), rel).toBe(true);
    }
    expect(existsSync(path.join(root, 'teams-app/m365/.webappignore'))).toBe(true);
    expect(yml).toContain('run: npm run package');
    expect(yml).toContain('args: run build:tab');
    for (const s of ['package', 'build:tab', 'start:m365', 'provision:m365']) expect(scripts[s], s).toBeTruthy();
    expect(yml).toContain('appPackagePath: ../../dist/appPackage/lis-for-teams.zip');
  });

  it('uses only variables the environment file defines or the Bicep outputs', () => {
    const outputs = [...`${bicep}\n${entra}`.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
    const used = new Set([...placeholders(yml), ...placeholders(read('infra/azure.parameters.json')), ...placeholders(read('infra/entra.parameters.json')), ...placeholders(read('aad.manifest.json'))]);
    for (const name of used) expect(envKeys.has(name) || outputs.includes(name), name).toBe(true);
    // What arm/deploy writes back is what later steps and the package read.
    for (const o of ['BOT_ID', 'BOT_DOMAIN', 'PUBLIC_URL', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) {
      expect(outputs).toContain(o);
      expect(envKeys.has(o), o).toBe(true);
    }
  });
});

describe('env/.env.dev', () => {
  it('is a template without secrets', () => {
    for (const [key, value] of envKeys) {
      expect(key.startsWith('SECRET_'), key).toBe(false);
      expect(/PASSWORD|SECRET|KEY$/.test(key) && value !== '', key).toBe(false);
    }
    expect(envKeys.get('TEAMSFX_ENV')).toBe('dev');
  });
});

describe('infra/azure.bicep', () => {
  const params = new Map([...bicep.matchAll(/^param (\w+) (\w+)( = .*)?$/gm)].map((m) => [m[1]!, { type: m[2]!, hasDefault: Boolean(m[3]) }]));

  it('gets every parameter it needs from azure.parameters.json, and no unknown ones', () => {
    for (const name of Object.keys(parameters.parameters)) expect(params.has(name), name).toBe(true);
    for (const [name, p] of params) if (!p.hasDefault) expect(parameters.parameters[name], name).toBeDefined();
    for (const name of params.keys()) expect(new RegExp(`\\b${name}\\b`).test(bicep.replace(new RegExp(`^param ${name} .*$`, 'm'), '')), `param ${name} unused`).toBe(true);
  });

  it('runs Node 20 on Linux, always on, with the health check on /healthz and https only', () => {
    expect(bicep).toMatch(/kind: 'linux'[\s\S]*reserved: true/);
    expect(bicep).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(bicep).toContain('alwaysOn: true');
    expect(bicep).toContain("healthCheckPath: '/healthz'");
    expect(bicep).toContain('httpsOnly: true');
    expect(bicep).toContain("appCommandLine: 'npm run start:m365'");
    expect(bicep).toContain("ftpsState: 'Disabled'");
  });

  it('registers a single-tenant Azure Bot on the user-assigned managed identity, with the Teams channel', () => {
    expect(bicep).toMatch(/Microsoft\.ManagedIdentity\/userAssignedIdentities@/);
    expect(bicep).toMatch(/Microsoft\.BotService\/botServices@[\s\S]*kind: 'azurebot'/);
    expect(bicep).toMatch(/param botAppType string = 'UserAssignedMSI'/);
    expect(bicep).toContain('msaAppMSIResourceId: useManagedIdentity ? identity.id : null');
    expect(bicep).toContain("endpoint: 'https://${web.properties.defaultHostName}/api/messages'");
    expect(bicep).toMatch(/name: 'MsTeamsChannel'/);
  });

  it('keeps secrets in Key Vault, read through Key Vault references with the managed identity', () => {
    expect(bicep).toMatch(/Microsoft\.KeyVault\/vaults@[\s\S]*enableRbacAuthorization: true/);
    expect(bicep).toContain('keyVaultReferenceIdentity: identity.id');
    expect(bicep).toContain("'@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${botPasswordSecretName})'");
    expect(bicep).toMatch(/4633458b-17de-408a-b874-0445c86b69e6/); // Key Vault Secrets User
    // No secret value is ever a parameter or a literal.
    expect(bicep).not.toMatch(/@secure\(\)/);
    expect(bicep).not.toMatch(/MicrosoftAppPassword', value: (?!'@Microsoft\.KeyVault)/);
  });

  it('writes the app settings the server needs to start in Microsoft 365 mode', () => {
    const settings = new Map([...bicep.matchAll(/\{ name: '(\w+)', value: (.+?) \}\]?$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    for (const name of ['LIS_MODE', 'MicrosoftAppId', 'MicrosoftAppTenantId', 'MicrosoftAppManagedIdentityClientId', 'SHAREPOINT_SITE_ID', 'PUBLIC_URL', 'TAB_CLIENT_ID', 'DIRECTORY_UNIT_PROPERTY']) {
      expect(settings.has(name), name).toBe(true);
    }
    expect(settings.get('LIS_MODE')).toBe("'m365'");
    // The same settings, with the values provisioning would give them, start the server's config.
    const sample = '2f3b6c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const env = {
      LIS_MODE: 'm365',
      MicrosoftAppId: sample,
      MicrosoftAppTenantId: '66666666-7777-4888-9999-000000000000',
      MicrosoftAppManagedIdentityClientId: sample,
      MicrosoftAppType: 'UserAssignedMSI',
      TAB_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2',
      PUBLIC_URL: 'https://lisforteams-app.azurewebsites.net',
    };
    const config = loadConfig(env);
    expect(config.m365).toMatchObject({ managedIdentityClientId: sample, tab: { appIdUri: 'api://lisforteams-app.azurewebsites.net/11111111-2222-4333-8444-555555555555' } });
  });
});

describe('aad.manifest.json (the tab\'s Entra app)', () => {
  it('has the Nested App Auth broker redirect and the tab origin as SPA redirects', () => {
    expect(aad.replyUrlsWithType).toEqual([
      { url: 'brk-multihub://${{BOT_DOMAIN}}', type: 'Spa' },
      { url: 'https://${{BOT_DOMAIN}}', type: 'Spa' },
    ]);
  });

  it('exposes access_as_user under the audience the server checks, and issues v2 tokens', () => {
    expect(aad.identifierUris).toEqual(['api://${{BOT_DOMAIN}}/${{TAB_CLIENT_ID}}']);
    expect(aad.oauth2Permissions).toEqual([expect.objectContaining({ value: 'access_as_user', type: 'User', isEnabled: true, id: '${{ACCESS_AS_USER_SCOPE_ID}}' })]);
    expect(aad.accessTokenAcceptedVersion).toBe(2);
    expect(aad.signInAudience).toBe('AzureADMyOrg');
  });

  it('pre-authorises the Teams, Microsoft 365 and Outlook clients for the getAuthToken fallback', () => {
    const clients = (aad.preAuthorizedApplications as { appId: string }[]).map((a) => a.appId);
    expect(clients).toEqual(expect.arrayContaining(['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', '4765445b-32c6-49b0-83e6-1d93765276ca', 'bc59ab01-8403-45c6-8796-ac3ef710b3e3']));
  });

  it('asks only for User.Read, and has no password', () => {
    expect(aad.requiredResourceAccess).toEqual([{ resourceAppId: 'Microsoft Graph', resourceAccess: [{ id: 'User.Read', type: 'Scope' }] }]);
    expect(aad.passwordCredentials).toBeUndefined();
  });
});

describe('who may enter: app role assignment (issue 17.4)', () => {
  it('declares the app role LIS.User on the tab\'s Entra app, for users', () => {
    expect(aad.appRoles).toEqual([expect.objectContaining({ value: DEFAULT_TAB_APP_ROLE, allowedMemberTypes: ['User'], isEnabled: true, id: '${{LIS_USER_ROLE_ID}}' })]);
    expect(envKeys.get('LIS_USER_ROLE_ID')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(envKeys.has('LIS_USERS_GROUP_ID')).toBe(true);
  });

  it('requires assignment on the tab\'s enterprise app and assigns the LIS users group, after the app role exists', () => {
    expect(entra).toMatch(/^extension microsoftGraphV1$/m);
    expect(entra).toMatch(/resource \w+ 'Microsoft\.Graph\/servicePrincipals@v1\.0' = \{\s*appId: tabClientId\s*appRoleAssignmentRequired: true\s*\}/);
    expect(entra).toMatch(/'Microsoft\.Graph\/appRoleAssignedTo@v1\.0' = if \(!empty\(lisUsersGroupId\)\) \{\s*appRoleId: lisUserRoleId\s*principalId: lisUsersGroupId\s*resourceId: tabServicePrincipal\.id/);
    const config = JSON.parse(read('infra/bicepconfig.json')) as { extensions: Record<string, string> };
    expect(config.extensions.microsoftGraphV1).toMatch(/^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:\d+\.\d+\.\d+$/);
    const params = [...entra.matchAll(/^param (\w+) (\w+)( = .*)?$/gm)].map((m) => m[1]!);
    expect(Object.keys(entraParameters.parameters).sort()).toEqual(params.sort());
    // After aadApp/update, which creates the app role the assignment names.
    expect(yml.indexOf('./infra/entra.bicep')).toBeGreaterThan(yml.indexOf('uses: aadApp/update'));
  });

  it('makes the server require the same app role in every tab token', () => {
    expect(bicep).toContain("{ name: 'TAB_APP_ROLE', value: 'LIS.User' }");
    const env = { LIS_MODE: 'm365', MicrosoftAppId: '2f3b6c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppTenantId: '66666666-7777-4888-9999-000000000000', MicrosoftAppManagedIdentityClientId: '2f3b6c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', TAB_CLIENT_ID: '11111111-2222-4333-8444-555555555555', SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1,2', PUBLIC_URL: 'https://lisforteams-app.azurewebsites.net' };
    expect(loadConfig(env).m365!.tab.appRole).toBe('LIS.User');
    expect(loadConfig({ ...env, TAB_APP_ROLE: 'none' }).m365!.tab.appRole).toBeNull();
    expect(() => loadConfig({ ...env, TAB_APP_ROLE: 'bad role!' })).toThrow(/TAB_APP_ROLE/);
  });
});

describe('.webappignore', () => {
  it('anchors its patterns so that the built tab, the server and its dependencies are deployed', () => {
    const patterns = read('.webappignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const keep of ['dist', 'tab', 'bot', 'core', 'node_modules', 'package.json', 'manifest', 'teams-app']) {
      // A bare name would match at any depth (dist/tab): only root-anchored folders are excluded.
      expect(patterns, keep).not.toContain(keep);
    }
    expect(patterns).toContain('/tab');
    expect(patterns).not.toContain('/dist');
    expect(patterns).toEqual(expect.arrayContaining(['/.git', '/.data', '/tests', '.env']));
  });
});
