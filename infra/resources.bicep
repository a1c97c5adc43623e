// Everything inside the resource group. main.bicep passes the parameters through; docs/deploy.md explains them.
param location string
param tags object
param resourceToken string

@allowed([
  'functions'
  'orleans'
])
param engine string

param hubName string
param deployAzureOpenAI bool
param openAiModelName string
param openAiModelVersion string
param openAiCapacity int

// The Functions app's.
param partitionCount int
param maximumInstanceCount int
param instanceMemoryMB int

// The Orleans host's.
param hostImage string
@secure()
param apiKey string
param externalIngress bool
param minReplicas int
param maxReplicas int
param storageAuthentication string
param clusterId string

var functions = engine == 'functions'
var orleans = engine == 'orleans'

// The one identity of the app: it reaches the storage account, Azure OpenAI when there is one, and (Orleans) pulls
// the image.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${resourceToken}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: 'st${resourceToken}'
    // The Functions app reaches its storage with the identity only; the Orleans host may be given a connection string.
    allowSharedKeyAccess: orleans && storageAuthentication == 'ConnectionString'
    principalId: identity.properties.principalId
    blobsAndQueues: functions
    deploymentContainerName: functions ? 'app-package-${resourceToken}' : ''
  }
}

module openAi 'modules/openai.bicep' = if (deployAzureOpenAI) {
  name: 'openai'
  params: {
    location: location
    tags: tags
    name: 'oai-${resourceToken}'
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    capacity: openAiCapacity
    userPrincipalId: identity.properties.principalId
  }
}

// Reading the storage module's outputs makes the app wait for it, role assignments included: the roles are in place
// before the host first reaches the task hub.
module functionApp 'modules/functions.bicep' = if (functions) {
  name: 'functions'
  params: {
    location: location
    tags: tags
    planName: 'plan-${resourceToken}'
    appName: 'func-${resourceToken}'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    hubName: hubName
    partitionCount: partitionCount
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    openAiEndpoint: deployAzureOpenAI ? openAi!.outputs.endpoint : ''
    openAiDeployment: deployAzureOpenAI ? openAi!.outputs.deploymentName : ''
  }
}

module registry 'modules/registry.bicep' = if (orleans) {
  name: 'registry'
  params: {
    location: location
    tags: tags
    name: 'cr${resourceToken}'
    pullPrincipalId: identity.properties.principalId
  }
}

// Reading the storage and registry modules' outputs makes the host wait for them, role assignments included: the
// roles are in place before the first replica reaches the tables or pulls the image.
module host 'modules/host.bicep' = if (orleans) {
  name: 'host'
  params: {
    location: location
    tags: tags
    environmentName: 'cae-${resourceToken}'
    appName: 'ca-host-${resourceToken}'
    image: hostImage
    identityId: identity.id
    identityClientId: identity.properties.clientId
    registryLoginServer: registry!.outputs.loginServer
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    storageAccountName: storage.outputs.name
    storageAuthentication: storageAuthentication
    apiKey: apiKey
    externalIngress: externalIngress
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    hubName: hubName
    clusterId: clusterId
    openAiEndpoint: deployAzureOpenAI ? openAi!.outputs.endpoint : ''
    openAiDeployment: deployAzureOpenAI ? openAi!.outputs.deploymentName : ''
  }
}

output functionAppName string = functions ? functionApp!.outputs.appName : ''
output functionAppUri string = functions ? functionApp!.outputs.uri : ''
output registryLoginServer string = orleans ? registry!.outputs.loginServer : ''
output environmentName string = orleans ? host!.outputs.environmentName : ''
output hostName string = orleans ? host!.outputs.appName : ''
output hostUri string = orleans ? host!.outputs.uri : ''
output storageAccountName string = storage.outputs.name
output openAiEndpoint string = deployAzureOpenAI ? openAi!.outputs.endpoint : ''
