// LIS för Teams – Azure resources (docs/admin-guide.md).
//
//   user-assigned managed identity   the bot's identity towards Bot Framework AND Microsoft Graph
//                                    (Sites.Selected on the one LIS site, User.Read.All): no secret
//   Key Vault (RBAC)                 for any secret the app is ever given; App Service reads them
//                                    through Key Vault references with the managed identity
//   App Service plan + web app       Linux, Node 20, always on, health check /healthz, https only
//   Azure Bot                        single tenant (the managed identity), Teams channel
//
// The SharePoint lists are not created here: `npm run provision:m365` does that once.

@description('Names the resources: 4–20 lower-case letters and digits.')
@minLength(4)
@maxLength(20)
param resourceBaseName string

param location string = resourceGroup().location

@description('The Microsoft 365 (Entra) tenant of Teams and the LIS site.')
param m365TenantId string

@description('Client id of the tab\'s Entra app registration (Nested App Auth, API scope access_as_user).')
param tabClientId string

@description('The Teams app id (teamsApp/create): cards link to records in the tab with Teams deep links.')
param teamsAppId string = ''

@description('Graph id of the LIS SharePoint site (contoso.sharepoint.com,<guid>,<guid>).')
param sharePointSiteId string

@description('Entra user property holding each person\'s LIS unit code.')
param directoryUnitProperty string = 'department'

@maxLength(42)
param botDisplayName string = 'LIS för Teams'

@description('B1 or higher: "always on" is not offered on Free/Shared. P1v3 for several instances.')
param appServiceSku string = 'B1'

@description('Instances of the server. The server is stateless; the scheduler takes a lease so one instance acts per tick.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('UserAssignedMSI (default, no secret), or SingleTenant when the Azure subscription lives in another tenant than Microsoft 365: then an app registration whose password is the Key Vault secret named botPasswordSecretName.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the bot\'s app registration (client) id.')
param botAppId string = ''

@description('SingleTenant only: the Key Vault secret that holds the bot\'s password. Put it there yourself; it never passes through this template.')
param botPasswordSecretName string = 'bot-app-password'

@description('More app settings to read from Key Vault secrets: [{ "setting": "NAME", "secret": "secret-name" }].')
param secretSettings array = []

var useManagedIdentity = botAppType == 'UserAssignedMSI'
var webAppName = '${resourceBaseName}-app'
var publicHost = '${webAppName}.azurewebsites.net'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  // 3–24 characters, globally unique, no trailing or double hyphen: ≤ 9 + 2 + 13.
  name: '${take(resourceBaseName, 9)}kv${uniqueString(resourceGroup().id)}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: keyVaultSecretsUser
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var commonSettings = [
  { name: 'LIS_MODE', value: 'm365' }
  { name: 'NODE_ENV', value: 'production' }
  { name: 'MicrosoftAppTenantId', value: m365TenantId }
  { name: 'MicrosoftAppType', value: botAppType }
  { name: 'MicrosoftAppId', value: useManagedIdentity ? identity.properties.clientId : botAppId }
  { name: 'TAB_CLIENT_ID', value: tabClientId }
  { name: 'TEAMS_APP_ID', value: teamsAppId }
  { name: 'SHAREPOINT_SITE_ID', value: sharePointSiteId }
  { name: 'PUBLIC_URL', value: 'https://${publicHost}' }
  { name: 'DIRECTORY_UNIT_PROPERTY', value: directoryUnitProperty }
  // Only people assigned to the tab's enterprise app (infra/entra.bicep) carry this app role.
  { name: 'TAB_APP_ROLE', value: 'LIS.User' }
  { name: 'LOG_LEVEL', value: 'info' }
  // The package is built before deployment (npm ci, build:tab); App Service only runs it.
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'WEBSITE_HEALTHCHECK_MAXPINGFAILURES', value: '5' }
]

var credentialSettings = useManagedIdentity
  ? [{ name: 'MicrosoftAppManagedIdentityClientId', value: identity.properties.clientId }]
  : [{ name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${botPasswordSecretName})' }]

// Key Vault references: App Service reads the secret with the managed identity; the value never
// appears in the template, its parameters or the deployment history.
var vaultSettings = [for s in secretSettings: { name: s.setting, value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${s.secret})' }]

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm run start:m365'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(commonSettings, credentialSettings, vaultSettings)
    }
  }
  dependsOn: [
    identityReadsSecrets
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: useManagedIdentity ? identity.properties.clientId : botAppId
    msaAppTenantId: useManagedIdentity ? identity.properties.tenantId : m365TenantId
    msaAppMSIResourceId: useManagedIdentity ? identity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env> by the Agents Toolkit (upper-cased names).
output BOT_ID string = useManagedIdentity ? identity.properties.clientId : botAppId
output BOT_DOMAIN string = web.properties.defaultHostName
output PUBLIC_URL string = 'https://${web.properties.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = web.id
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output KEY_VAULT_NAME string = vault.name
