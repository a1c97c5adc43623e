// PlanFunctions on Azure: what `azd up` provisions. By default the Durable Functions app on a Flex Consumption plan;
// with engine 'orleans' (infra/orleans.bicep, the deploy/orleans azd project) the Orleans host on Container Apps
// instead. docs/deploy.md explains every parameter.
targetScope = 'subscription'

@minLength(1)
@maxLength(48)
@description('The azd environment name; it names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('The Azure region of every resource.')
param location string

@allowed([
  'functions'
  'orleans'
])
@description('Which engine runs the plans: the Durable Functions app on Flex Consumption (functions), or the Orleans host on Container Apps (orleans).')
param engine string = 'functions'

@minLength(3)
@maxLength(45)
@description('The task hub: the prefix of the tables (and, for the Functions app, the queues and blob containers) the runs are kept in. A new name is a new, empty hub.')
param hubName string = 'PlanFunctions'

@minValue(1)
@maxValue(16)
@description('Functions app: the task hub\'s partitions (control queues), the most instances orchestrations spread over. Fixed when the hub is created.')
param partitionCount int = 4

@minValue(1)
@maxValue(1000)
@description('Functions app: the most instances Flex Consumption scales out to.')
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
@description('Functions app: the memory of each instance, in MB; CPU and network grow with it.')
param instanceMemoryMB int = 2048

@description('Orleans host: the image. Empty on the first provisioning (azd has not pushed one yet): a placeholder runs until `azd deploy`.')
param hostImage string = ''

@secure()
@description('Orleans host: the key every call must carry (PlanFunctions__ApiKey), at least 16 characters; infra/orleans.bicep requires it. The Functions app uses Functions keys instead.')
param apiKey string = ''

@description('Orleans host: whether the HTTP API is reachable from the internet (true) or only from inside the Container Apps environment.')
param externalIngress bool = true

@minValue(2)
@maxValue(30)
@description('Orleans host: replicas that always run: at least two, so that one host can go while the other keeps the runs going.')
param minReplicas int = 2

@minValue(2)
@maxValue(30)
@description('Orleans host: the most replicas the HTTP scale rule may start.')
param maxReplicas int = 6

@allowed([
  'ManagedIdentity'
  'ConnectionString'
])
@description('Orleans host: how it reaches its storage account: the user-assigned identity (no secret), or a connection string with the account key. The Functions app always uses the identity.')
param storageAuthentication string = 'ManagedIdentity'

@description('Orleans host: the cluster the replicas form; replicas of every revision share it, so keep it stable across upgrades.')
param clusterId string = 'planfunctions'

@description('Create an Azure OpenAI account and model deployment for the AI tools, reached with the managed identity.')
param deployAzureOpenAI bool = false

@description('The Azure OpenAI model to deploy when deployAzureOpenAI is true.')
param openAiModelName string = 'gpt-4o-mini'

@description('The version of that model.')
param openAiModelVersion string = '2024-07-18'

@minValue(1)
@description('The deployment\'s capacity, in thousands of tokens per minute.')
param openAiCapacity int = 10

var tags = {
  'azd-env-name': environmentName
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'planfunctions-resources'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    resourceToken: toLower(uniqueString(subscription().id, environmentName, location))
    engine: engine
    hubName: hubName
    deployAzureOpenAI: deployAzureOpenAI
    openAiModelName: openAiModelName
    openAiModelVersion: openAiModelVersion
    openAiCapacity: openAiCapacity
    partitionCount: partitionCount
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    hostImage: hostImage
    apiKey: apiKey
    externalIngress: externalIngress
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    storageAuthentication: storageAuthentication
    clusterId: clusterId
  }
}

// azd reads these: where to deploy, and what to show after `azd up`. The other engine's are empty.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_OPENAI_ENDPOINT string = resources.outputs.openAiEndpoint
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output SERVICE_FUNCTIONS_URI string = resources.outputs.functionAppUri
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryLoginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = resources.outputs.environmentName
output SERVICE_HOST_NAME string = resources.outputs.hostName
output SERVICE_HOST_URI string = resources.outputs.hostUri
