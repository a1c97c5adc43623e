namespace PlanFunctions.Core.Diagnostics;

/// <summary>
/// Every log event id of PlanFunctions, in one place so that none collide: a range of 1000 per project, as Orleans'
/// error codes and durabletask-dotnet's <c>Logs</c> classes have. Each <c>[LoggerMessage]</c> takes its
/// <c>EventId</c> from here; a test checks that the ids are unique and inside their project's range. An operator can
/// filter or alert on an id, which stays the same when the message's wording changes.
/// </summary>
public static class LogEventIds
{
    /// <summary>The Orleans engine (<c>PlanFunctions.Runtime</c>): 1000–1999.</summary>
    public static class Runtime
    {
        /// <summary>The first id of the range.</summary>
        public const int First = 1000;

        /// <summary>The last id of the range.</summary>
        public const int Last = 1999;

        // Grain storage, history, index, reminders: 1000-1099.

        /// <summary>Grain storage is ready in its table.</summary>
        public const int GrainStorageTableReady = 1001;

        /// <summary>A grain state write lost an optimistic-concurrency race.</summary>
        public const int GrainStorageConflict = 1002;

        /// <summary>Reminders are kept in their table.</summary>
        public const int ReminderTableReady = 1011;

        /// <summary>A stale reminder row could not be removed.</summary>
        public const int ReminderStaleRemove = 1012;

        /// <summary>Run histories are kept in their table.</summary>
        public const int HistoryTableReady = 1021;

        /// <summary>A history append lost an optimistic-concurrency race.</summary>
        public const int HistoryConflict = 1022;

        /// <summary>The instance index is kept in its table.</summary>
        public const int InstanceTableReady = 1031;

        /// <summary>Runs are kept in memory only.</summary>
        public const int InMemoryStorage = 1050;

        // Clustering: 1100-1199.

        /// <summary>Cluster membership is kept in its table.</summary>
        public const int MembershipTableReady = 1101;

        /// <summary>The cluster's version row was created.</summary>
        public const int MembershipVersionRowCreated = 1102;

        /// <summary>A membership write lost a race.</summary>
        public const int MembershipConflict = 1103;

        /// <summary>Dead silos' rows were removed.</summary>
        public const int MembershipDefunctRemoved = 1104;

        /// <summary>A cluster's membership rows were deleted.</summary>
        public const int MembershipClusterDeleted = 1105;

        /// <summary>Gateways are looked up in their table.</summary>
        public const int GatewayTableReady = 1106;

        /// <summary>Gateways of the cluster were found.</summary>
        public const int GatewaysFound = 1107;

        // The orchestrator grain (Orchestration/PlanOrchestratorGrain.cs): 1200-1299.

        /// <summary>A run started.</summary>
        public const int OrchestratorStarted = 1201;

        /// <summary>A start found a stored history, which is read first.</summary>
        public const int OrchestratorStartFoundHistory = 1202;

        /// <summary>A run was rebuilt from its history.</summary>
        public const int OrchestratorRebuilt = 1203;

        /// <summary>A run ended.</summary>
        public const int OrchestratorEnded = 1204;

        /// <summary>A step attempt was dispatched to its activity.</summary>
        public const int OrchestratorDispatch = 1205;

        /// <summary>A step attempt was dispatched again: its activity was lost.</summary>
        public const int OrchestratorRedispatch = 1206;

        /// <summary>A result for an attempt that is not awaited was ignored.</summary>
        public const int OrchestratorStaleResult = 1207;

        /// <summary>A history append failed; the run is rebuilt from storage.</summary>
        public const int OrchestratorPersistFailed = 1208;

        /// <summary>Deciding on queued step results failed.</summary>
        public const int OrchestratorPumpFailed = 1209;

        /// <summary>A call to an activity failed; the liveness check repeats it.</summary>
        public const int OrchestratorCallFailed = 1210;

        /// <summary>An AI condition could not be evaluated; it is asked again.</summary>
        public const int OrchestratorConditionFailed = 1211;

        /// <summary>The assistant could not write the final response; the plain one is used.</summary>
        public const int OrchestratorResponseFailed = 1212;

        /// <summary>The instance index could not be told the run ended.</summary>
        public const int OrchestratorIndexFailed = 1213;

        /// <summary>A run's reminder could not be removed.</summary>
        public const int OrchestratorReminderFailed = 1214;

        /// <summary>A Failed run was rewound and runs again.</summary>
        public const int OrchestratorRewound = 1215;

        // The activity grain (Activities/StepActivityGrain.cs): 1300-1399.

        /// <summary>A step attempt runs on a silo.</summary>
        public const int ActivityRunning = 1301;

        /// <summary>Delivering a result failed; it is tried again.</summary>
        public const int ActivityDeliveryRetry = 1305;

        /// <summary>A result could not be delivered.</summary>
        public const int ActivityDeliveryFailed = 1306;
    }

    /// <summary>The service (<c>PlanFunctions.Host</c>): 2000–2999.</summary>
    public static class Host
    {
        /// <summary>The first id of the range.</summary>
        public const int First = 2000;

        /// <summary>The last id of the range.</summary>
        public const int Last = 2999;

        /// <summary>A request was refused for its key.</summary>
        public const int ApiKeyRejected = 2001;

        /// <summary>A request failed with an unhandled exception.</summary>
        public const int UnhandledFailure = 2002;

        /// <summary>A run was started through the HTTP API.</summary>
        public const int RunStarted = 2101;

        /// <summary>A plan was refused with problems.</summary>
        public const int PlanRejected = 2102;
    }

    /// <summary>The command line (<c>PlanFunctions.Cli</c>): 3000–3999.</summary>
    public static class Cli
    {
        /// <summary>The first id of the range.</summary>
        public const int First = 3000;

        /// <summary>The last id of the range.</summary>
        public const int Last = 3999;
    }

    /// <summary>The tools (<c>PlanFunctions.Tools</c>): 4000–4999.</summary>
    public static class Tools
    {
        /// <summary>The first id of the range.</summary>
        public const int First = 4000;

        /// <summary>The last id of the range.</summary>
        public const int Last = 4999;

        /// <summary>The http tool sends a request.</summary>
        public const int HttpSending = 4001;

        /// <summary>The http tool got an answer.</summary>
        public const int HttpAnswered = 4002;

        /// <summary>The http tool's request failed.</summary>
        public const int HttpFailed = 4003;

        /// <summary>Azure OpenAI is asked.</summary>
        public const int AzureOpenAIAsking = 4101;

        /// <summary>Azure OpenAI answered.</summary>
        public const int AzureOpenAIAnswered = 4102;

        /// <summary>A call to Azure OpenAI failed.</summary>
        public const int AzureOpenAIFailed = 4103;

        /// <summary>A step attempt's tool threw an exception whose message cannot be read.</summary>
        public const int AttemptToolThrewUnreadable = 4201;

        /// <summary>A step attempt's tool threw.</summary>
        public const int AttemptToolThrew = 4202;

        /// <summary>A step attempt's tool ignored its cancellation and was abandoned.</summary>
        public const int AttemptAbandoned = 4203;
    }

    /// <summary>The Durable Task engine: 5000–5999.</summary>
    public static class DurableTask
    {
        /// <summary>The first id of the range.</summary>
        public const int First = 5000;

        /// <summary>The last id of the range.</summary>
        public const int Last = 5999;

        // Activities (src/PlanFunctions.DurableTask/Activities): 5100-5199. Step attempts log through ToolAttemptRunner (Tools).

        /// <summary>The model could not write a run's final response; the plain one is used.</summary>
        public const int RunResponseFailed = 5111;
    }

    /// <summary>The Azure Functions app: 6000–6999.</summary>
    public static class Functions
    {
        /// <summary>The first id of the range.</summary>
        public const int First = 6000;

        /// <summary>The last id of the range.</summary>
        public const int Last = 6999;

        // HTTP starters (src/PlanFunctions.Functions/Http): 6000-6099.

        /// <summary>A run was started over HTTP.</summary>
        public const int RunStarted = 6001;

        /// <summary>A plan was refused with its problems.</summary>
        public const int PlanRejected = 6002;
    }
}
