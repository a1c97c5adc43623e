// Drives the self-hosted service with the durable-functions npm package's DurableClient, built from the binding
// data a Functions host hands its clients. Usage: node durable-client-scenario.js <rpc|webhook> <baseUrl> [key]
// Prints one JSON object of what the client saw; the xunit test asserts on it. Exit 1 with the error on stderr.
'use strict';
const df = require('durable-functions');
const { DurableClient } = require('durable-functions/lib/src/durableClient/DurableClient');

const [mode, baseUrl, key] = process.argv.slice(2);
const hook = baseUrl.replace(/\/$/, '') + '/runtime/webhooks/durabletask';
const hub = 'PlanFunctions';

function clientData() {
  if (mode === 'rpc') {
    // The newer mode: the Functions host hands a local RPC base URL and the client builds every path itself.
    return { taskHubName: hub, creationUrls: {}, managementUrls: { id: 'INSTANCEID' }, rpcBaseUrl: hook + '/' };
  }
  // The classic mode: URL templates with the task hub, connection and key, as a Functions host writes them.
  const query = `taskHub=${hub}&connection=Storage` + (key ? `&code=${encodeURIComponent(key)}` : '');
  const instance = `${hook}/instances/INSTANCEID`;
  return {
    taskHubName: hub,
    creationUrls: {
      createNewInstancePostUri: `${hook}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri: `${hook}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: `${instance}?${query}`,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
      terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
      rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
      purgeHistoryDeleteUri: `${instance}?${query}`,
      suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
      resumePostUri: `${instance}/resume?reason={text}&${query}`,
    },
    baseUrl: hook,
    requiredQueryStringParameters: query,
  };
}

const client = new DurableClient(clientData());
const prefix = `dfjs-${mode}-${Date.now().toString(36)}-`;

async function until(what, predicate, seconds = 40) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await what();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function failure(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return String(error.message || error);
  }
}

const waiting = (name) => ({
  name,
  steps: [
    { id: 'wait', tool: 'waitForEvent', parameters: { eventName: 'approved', timeoutSeconds: 60 } },
    { id: 'use', tool: 'echo', dependsOn: ['wait'], parameters: { by: '{{ steps.wait.output.by }}' } },
  ],
});

async function main() {
  const seen = {};

  // startNew through the orchestrators route, under a chosen id and under a new one.
  const first = await client.startNew('RunPlan', { instanceId: prefix + 'approve', input: waiting('approve') });
  seen.startedId = first;
  const generated = await client.startNew('RunPlan', { input: { name: 'quick', steps: [{ id: 'a', tool: 'echo', parameters: { n: 1 } }] } });
  seen.generatedId = generated;
  seen.unknownOrchestrator = await failure(client.startNew('SomethingElse', { input: waiting('x') }));
  seen.badPlan = await failure(client.startNew('RunPlan', { input: { name: 'bad', steps: [] } }));

  const running = await until(() => client.getStatus(first), (s) => s.customStatus && s.customStatus.currentStep === 'wait');
  seen.runningStatus = running.runtimeStatus;
  seen.runningName = running.name;

  await client.raiseEvent(first, 'approved', { by: 'durable-functions' });
  const done = await until(() => client.getStatus(first), (s) => s.runtimeStatus === 'Completed');
  seen.completedOutput = done.output.steps.use.output;
  const generatedDone = await until(() => client.getStatus(generated), (s) => s.runtimeStatus === 'Completed');
  seen.generatedStatus = generatedDone.runtimeStatus;

  // Entities: the monitor of a run and the statistics, read; signalling refused.
  const monitor = await client.readEntityState(new df.EntityId('PlanMonitor', first));
  seen.monitor = { exists: monitor.entityExists, state: monitor.entityState };
  const monitorLower = await client.readEntityState(new df.EntityId('planmonitor', first));
  seen.monitorLowerExists = monitorLower.entityExists;
  const statistics = await client.readEntityState(new df.EntityId('ExecutionStatistics', 'global'));
  seen.statistics = { exists: statistics.entityExists, totalPlans: statistics.entityState && statistics.entityState.totalPlans };
  const missing = await client.readEntityState(new df.EntityId('PlanMonitor', prefix + 'nobody'));
  seen.missingMonitorExists = missing.entityExists;
  seen.signalRefused = await failure(client.signalEntity(new df.EntityId('ExecutionStatistics', 'global'), 'reset'));

  // Suspend, resume, terminate, purge.
  const held = await client.startNew('RunPlan', { instanceId: prefix + 'held', input: waiting('held') });
  await until(() => client.getStatus(held), (s) => s.runtimeStatus === 'Running');
  await client.suspend(held, 'hold');
  seen.suspended = (await until(() => client.getStatus(held), (s) => s.runtimeStatus === 'Suspended')).runtimeStatus;
  await client.resume(held, 'go');
  seen.resumed = (await until(() => client.getStatus(held), (s) => s.runtimeStatus === 'Running')).runtimeStatus;
  seen.purgeWhileRunning = await failure(client.purgeInstanceHistory(held));
  await client.terminate(held, 'enough');
  seen.terminated = (await until(() => client.getStatus(held), (s) => s.runtimeStatus === 'Terminated')).runtimeStatus;
  seen.terminateAgain = await failure(client.terminate(held, 'again'));
  seen.purged = (await client.purgeInstanceHistory(held)).instancesDeleted;
  seen.statusAfterPurge = await failure(client.getStatus(held));
  seen.purgeAgain = (await client.purgeInstanceHistory(held)).instancesDeleted;

  // Listing.
  const completed = await client.getStatusBy({ runtimeStatus: [df.OrchestrationRuntimeStatus.Completed] });
  seen.listedCompleted = completed.map((s) => s.instanceId).filter((id) => id === first || id === generated).sort();

  // Rewind: a Failed run runs its failed step again and keeps what succeeded; a run that is not Failed is refused (412).
  const flaky = await client.startNew('RunPlan', {
    instanceId: prefix + 'rewind',
    input: {
      name: 'rewind',
      steps: [
        { id: 'fetch', tool: 'echo', parameters: { n: 7 } },
        { id: 'send', tool: 'fail', dependsOn: ['fetch'], parameters: { failTimes: 1, retryable: false }, retry: { maxNumberOfAttempts: 1 } },
      ],
    },
  });
  seen.beforeRewind = (await until(() => client.getStatus(flaky), (s) => s.runtimeStatus === 'Failed')).runtimeStatus;
  await client.rewind(flaky, 'fixed the tool');
  const rewound = await until(() => client.getStatus(flaky), (s) => s.runtimeStatus === 'Completed');
  seen.rewound = { fetchAttempts: rewound.output.steps.fetch.attempts, sendAttempts: rewound.output.steps.send.attempts };
  seen.rewindCompleted = await failure(client.rewind(flaky, 'again'));
  seen.rewindUnknown = await failure(client.rewind(prefix + 'nobody', 'x'));

  process.stdout.write(JSON.stringify(seen));
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
