// Everything inside the resource group. main.bicep passes the parameters through; docs/deploy.md explains them.
param location string
param tags object
param resourceToken string
param hostImage string
@secure()
param apiKey string
param externalIngress bool
param minReplicas int
param maxReplicas int
param storageAuthentication string
param hubName string
param clusterId string
param deployAzureOpenAI bool
param openAiModelName string
param openAiModelVersion string
param openAiCapacity int

// The one identity of the host: it pulls the image, reaches the tables and, when there is one, Azure OpenAI.
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
    allowSharedKeyAccess: storageAuthentication == 'ConnectionString'
    tablePrincipalId: identity.properties.principalId
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    tags: tags
    name: 'cr${resourceToken}'
    pullPrincipalId: identity.properties.principalId
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

// Reading the storage and registry modules' outputs makes the host wait for them, role assignments included: the
// roles are in place before the first replica reaches the tables or pulls the image.
module host 'modules/host.bicep' = {
  name: 'host'
  params: {
    location: location
    tags: tags
    environmentName: 'cae-${resourceToken}'
    appName: 'ca-host-${resourceToken}'
    image: hostImage
    identityId: identity.id
    identityClientId: identity.properties.clientId
    registryLoginServer: registry.outputs.loginServer
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

output registryLoginServer string = registry.outputs.loginServer
output environmentName string = host.outputs.environmentName
output hostName string = host.outputs.appName
output hostUri string = host.outputs.uri
output storageAccountName string = storage.outputs.name
output openAiEndpoint string = deployAzureOpenAI ? openAi!.outputs.endpoint : ''
