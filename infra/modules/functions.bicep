// The Durable Functions app (src/PlanFunctions.Functions, .NET isolated) on a Flex Consumption plan: its task hub in
// the storage account, reached with the user-assigned identity; no key or connection string anywhere.
param location string
param tags object
param planName string
param appName string
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string

@description('The blob container the platform keeps the deployment package in, as a URL.')
param deploymentContainerUrl string

param applicationInsightsConnectionString string
param hubName string
param partitionCount int
param maximumInstanceCount int
param instanceMemoryMB int
param openAiEndpoint string
param openAiDeployment string

// Flex Consumption runs the isolated worker under this runtime: the app targets net10.0 (Directory.Build.props).
var runtimeName = 'dotnet-isolated'
var runtimeVersion = '10.0'

// The Functions host and the Durable Task extension reach AzureWebJobsStorage with the identity: a service URI per
// service (any cloud), the credential and which user-assigned identity. Flex Consumption sets the worker runtime
// from functionAppConfig.runtime and refuses FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION as settings.
var storageSettings = [
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: blobEndpoint
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: queueEndpoint
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: tableEndpoint
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
]

// host.json names the task hub and the partitions once for local runs; in Azure these settings win. The Functions host
// reads its host.json overrides as AzureFunctionsJobHost__...; the worker reads the same hub name without the prefix.
var durableTaskSettings = [
  {
    name: 'AzureFunctionsJobHost__extensions__durableTask__hubName'
    value: hubName
  }
  {
    name: 'extensions__durableTask__hubName'
    value: hubName
  }
  {
    name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount'
    value: string(partitionCount)
  }
]

var openAiSettings = empty(openAiEndpoint)
  ? []
  : [
      {
        name: 'AzureOpenAI__Endpoint'
        value: openAiEndpoint
      }
      {
        name: 'AzureOpenAI__Deployment'
        value: openAiDeployment
      }
    ]

var settings = concat(storageSettings, durableTaskSettings, openAiSettings, [
  {
    // DefaultAzureCredential (Azure OpenAI) picks the user-assigned identity by this client id.
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsightsConnectionString
  }
])

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux: Flex Consumption runs only on Linux.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  // azd finds the app to deploy the `functions` service to by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: settings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

output appName string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
