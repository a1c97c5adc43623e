// The storage account of the runs. The Orleans host keeps its runs, reminders and cluster membership in its tables;
// the Functions app keeps its task hub (history and instance tables, control and work-item queues, large payloads
// and leases in blobs), its keys and its deployment package here.
param location string
param tags object
param name string

@description('False when every client reaches the account with the managed identity: then no key can be used at all.')
param allowSharedKeyAccess bool

@description('The principal given the data roles below on the account.')
param principalId string

@description('Also Storage Blob Data Owner and Storage Queue Data Contributor: the Functions host and the Durable Task Azure Storage backend use blobs and queues besides tables.')
param blobsAndQueues bool = false

@description('A blob container for the Function App\'s deployment package; empty: none.')
param deploymentContainerName string = ''

// Storage Table Data Contributor: read, write and delete tables and entities.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Storage Blob Data Owner: the Functions host takes blob leases and keeps its keys in blobs (Contributor is not enough
// for an identity-based AzureWebJobsStorage); the task hub keeps large payloads and partition leases in blobs.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Queue Data Contributor: the task hub's control and work-item queues.
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

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

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = if (!empty(deploymentContainerName)) {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = if (!empty(deploymentContainerName)) {
  parent: blobService
  name: empty(deploymentContainerName) ? 'unused' : deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, storageTableDataContributor)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (blobsAndQueues) {
  name: guid(account.id, principalId, storageBlobDataOwner)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (blobsAndQueues) {
  name: guid(account.id, principalId, storageQueueDataContributor)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = empty(deploymentContainerName) ? '' : '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
