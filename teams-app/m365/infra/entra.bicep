// LIS för Teams – who may enter (issue 17.4; docs/admin-guide.md, docs/security.md).
//
//   the tab's enterprise application   "Assignment required": Entra ID issues tokens for the LIS
//   (its service principal)            API only to users assigned to the app, directly or through
//                                      a group; everyone else is refused at sign-in (AADSTS50105)
//   the LIS users group                assigned the app role LIS.User (aad.manifest.json), which
//                                      the API also requires in every token (TAB_APP_ROLE)
//
// Deployed after aadApp/update (the app role must exist first). Needs an account that may manage
// enterprise applications and their assignments (Cloud Application Administrator, or the app's
// owner): the Microsoft Graph Bicep extension acts with the deploying account's rights.

extension microsoftGraphV1

@description('Client id of the tab\'s Entra app registration.')
param tabClientId string

@description('Id of the app role LIS.User (aad.manifest.json appRoles, LIS_USER_ROLE_ID).')
param lisUserRoleId string

@description('Object id of the Entra security group whose members use LIS (LIS_USERS_GROUP_ID). Empty: assign users and groups in the Entra admin center instead; assignment is required either way.')
param lisUsersGroupId string = ''

// Upserted by appId: creates the service principal if aadApp/create has not, and switches
// "Assignment required?" to Yes.
resource tabServicePrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: tabClientId
  appRoleAssignmentRequired: true
}

resource lisUsers 'Microsoft.Graph/appRoleAssignedTo@v1.0' = if (!empty(lisUsersGroupId)) {
  appRoleId: lisUserRoleId
  principalId: lisUsersGroupId
  resourceId: tabServicePrincipal.id
}

output TAB_SERVICE_PRINCIPAL_ID string = tabServicePrincipal.id
