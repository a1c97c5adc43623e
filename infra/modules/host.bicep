// The Container Apps environment and the host app: the HTTP API and an Orleans silo in each replica, the replicas
// forming one Orleans cluster whose membership is kept in Azure Tables.
param location string
param tags object
param environmentName string
param appName string

@description('The host\'s image; empty until azd has pushed one, and then a placeholder runs.')
param image string

param identityId string
param identityClientId string
param registryLoginServer string
param logAnalyticsName string
param applicationInsightsConnectionString string
param storageAccountName string

@allowed([
  'ManagedIdentity'
  'ConnectionString'
])
param storageAuthentication string

@secure()
param apiKey string

param externalIngress bool
param minReplicas int
param maxReplicas int
param hubName string
param clusterId string
param openAiEndpoint string
param openAiDeployment string

@description('Seconds a replica has between SIGTERM and SIGKILL to let its silo leave the cluster and hand its grains over.')
@minValue(30)
@maxValue(600)
param terminationGracePeriodSeconds int = 60

// The ports of the image (Dockerfile): HTTP, silo-to-silo, Orleans clients (gateway).
var httpPort = 8080
var siloPort = 11111
var gatewayPort = 30000

// The placeholder listens on 8080 as the host does, so the app provisions before azd has pushed the real image.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'
var isPlaceholder = empty(image)

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalytics.properties.customerId
        sharedKey: logAnalytics.listKeys().primarySharedKey
      }
    }
  }
}

var storageSecrets = storageAuthentication == 'ConnectionString'
  ? [
      {
        name: 'azure-webjobs-storage'
        value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${az.environment().suffixes.storage}'
      }
    ]
  : []

// Azure Functions' settings for the host storage: a connection string, or an identity-based connection
// (AzureWebJobsStorage__*) with the user-assigned identity named by its client id.
var storageSettings = storageAuthentication == 'ConnectionString'
  ? [
      {
        name: 'AzureWebJobsStorage'
        secretRef: 'azure-webjobs-storage'
      }
    ]
  : [
      {
        name: 'AzureWebJobsStorage__accountName'
        value: storageAccount.name
      }
      {
        name: 'AzureWebJobsStorage__tableServiceUri'
        value: storageAccount.properties.primaryEndpoints.table
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

var settings = concat(storageSettings, openAiSettings, [
  {
    // DefaultAzureCredential picks the user-assigned identity by this client id.
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsightsConnectionString
  }
  {
    name: 'PlanFunctions__ApiKey'
    secretRef: 'planfunctions-api-key'
  }
  {
    name: 'extensions__durableTask__hubName'
    value: hubName
  }
  {
    name: 'PlanFunctions__Clustering__Mode'
    value: 'AzureTable'
  }
  {
    name: 'PlanFunctions__Clustering__ClusterId'
    value: clusterId
  }
  {
    name: 'PlanFunctions__Silo__SiloPort'
    value: string(siloPort)
  }
  {
    name: 'PlanFunctions__Silo__GatewayPort'
    value: string(gatewayPort)
  }
  {
    // The .NET host's stop timeout: the silo's graceful leave must end before Container Apps kills the replica.
    name: 'DOTNET_shutdownTimeoutSeconds'
    value: string(terminationGracePeriodSeconds - 10)
  }
])

// /api/health answers 200 once the silo is in the cluster and the tables answer. Liveness is lenient: a storage
// outage makes every replica unhealthy at once, and restarting them all would not bring the storage back.
var healthProbes = [
  {
    type: 'Startup'
    httpGet: {
      path: '/api/health'
      port: httpPort
    }
    initialDelaySeconds: 5
    periodSeconds: 5
    timeoutSeconds: 5
    failureThreshold: 10
  }
  {
    type: 'Readiness'
    httpGet: {
      path: '/api/health'
      port: httpPort
    }
    periodSeconds: 10
    timeoutSeconds: 5
    failureThreshold: 3
  }
  {
    type: 'Liveness'
    httpGet: {
      path: '/api/health'
      port: httpPort
    }
    periodSeconds: 30
    timeoutSeconds: 10
    failureThreshold: 10
  }
]

// The placeholder has no /api/health: only the port is checked until the real image is provisioned.
var placeholderProbes = [
  {
    type: 'Startup'
    tcpSocket: {
      port: httpPort
    }
  }
  {
    type: 'Liveness'
    tcpSocket: {
      port: httpPort
    }
  }
]

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  // azd finds the app to deploy the `host` service to by this tag.
  tags: union(tags, { 'azd-service-name': 'host' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      // One revision at a time: an upgrade starts the new revision's replicas, which join the same Orleans cluster,
      // and retires the old ones once the new are ready.
      activeRevisionsMode: 'Single'
      ingress: {
        external: externalIngress
        targetPort: httpPort
        transport: 'http'
        allowInsecure: false
        // Orleans between replicas: silo-to-silo and gateway traffic stays inside the environment.
        additionalPortMappings: [
          {
            external: false
            targetPort: siloPort
            exposedPort: siloPort
          }
          {
            external: false
            targetPort: gatewayPort
            exposedPort: gatewayPort
          }
        ]
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: concat(storageSecrets, [
        {
          name: 'planfunctions-api-key'
          value: apiKey
        }
      ])
    }
    template: {
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
      containers: [
        {
          name: 'host'
          image: isPlaceholder ? placeholderImage : image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: settings
          probes: isPlaceholder ? placeholderProbes : healthProbes
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

output environmentName string = environment.name
output appName string = app.name
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
