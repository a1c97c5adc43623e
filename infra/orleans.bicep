// The Orleans host on Azure Container Apps instead of the Functions app: main.bicep with engine 'orleans'. The azd
// project in deploy/orleans provisions this file; docs/deploy.md explains every parameter.
targetScope = 'subscription'

@minLength(1)
@maxLength(48)
@description('The azd environment name; it names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('The Azure region of every resource.')
param location string

@description('The image of the host. Empty on the first provisioning (azd has not pushed one yet): a placeholder runs until `azd deploy`.')
param hostImage string = ''

@secure()
@minLength(16)
@description('The key every call must carry (PlanFunctions__ApiKey), at least 16 characters; `azd env set PLANFUNCTIONS_API_KEY ...` sets it.')
param apiKey string

@description('Whether the HTTP API is reachable from the internet (true) or only from inside the Container Apps environment.')
param externalIngress bool = true

@minValue(2)
@maxValue(30)
@description('Replicas that always run: at least two, so that one host can go while the other keeps the runs going.')
param minReplicas int = 2

@minValue(2)
@maxValue(30)
@description('The most replicas the HTTP scale rule may start.')
param maxReplicas int = 6

@allowed([
  'ManagedIdentity'
  'ConnectionString'
])
@description('How the host reaches its storage account: the user-assigned identity (no secret), or a connection string with the account key.')
param storageAuthentication string = 'ManagedIdentity'

@minLength(3)
@maxLength(45)
@description('The task hub: the prefix of every table the runs are kept in (extensions__durableTask__hubName).')
param hubName string = 'PlanFunctions'

@description('The Orleans cluster the replicas form; replicas of every revision share it, so keep it stable across upgrades.')
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

module planfunctions 'main.bicep' = {
  name: 'planfunctions-orleans'
  params: {
    environmentName: environmentName
    location: location
    engine: 'orleans'
    hostImage: hostImage
    apiKey: apiKey
    externalIngress: externalIngress
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    storageAuthentication: storageAuthentication
    hubName: hubName
    clusterId: clusterId
    deployAzureOpenAI: deployAzureOpenAI
    openAiModelName: openAiModelName
    openAiModelVersion: openAiModelVersion
    openAiCapacity: openAiCapacity
  }
}

// azd reads these: where to push the image, and what to show after `azd up`.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = planfunctions.outputs.AZURE_RESOURCE_GROUP
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = planfunctions.outputs.AZURE_CONTAINER_REGISTRY_ENDPOINT
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = planfunctions.outputs.AZURE_CONTAINER_APPS_ENVIRONMENT_NAME
output SERVICE_HOST_NAME string = planfunctions.outputs.SERVICE_HOST_NAME
output SERVICE_HOST_URI string = planfunctions.outputs.SERVICE_HOST_URI
output AZURE_STORAGE_ACCOUNT_NAME string = planfunctions.outputs.AZURE_STORAGE_ACCOUNT_NAME
output AZURE_OPENAI_ENDPOINT string = planfunctions.outputs.AZURE_OPENAI_ENDPOINT
