// The storage account whose tables keep the runs, the reminders and the Orleans cluster membership.
param location string
param tags object
param name string

@description('False when the host reaches the tables with its managed identity: then no key can be used at all.')
param allowSharedKeyAccess bool

@description('The principal given Storage Table Data Contributor on the account.')
param tablePrincipalId string

// Storage Table Data Contributor: read, write and delete tables and entities.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, tablePrincipalId, storageTableDataContributor)
  scope: account
  properties: {
    principalId: tablePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

output name string = account.name
output tableEndpoint string = account.properties.primaryEndpoints.table
