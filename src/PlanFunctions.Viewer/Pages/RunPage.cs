using System.Text.Json;
using PlanFunctions.Client;
using PlanFunctions.Core.Status;
using static PlanFunctions.Viewer.Pages.HtmlPage;

namespace PlanFunctions.Viewer.Pages;

/// <summary>
/// <c>GET /runs/{instanceId}</c>: the frame of the run page; its script draws the graph from the run graph and keeps
/// it live by polling the status endpoint until the run ends.
/// </summary>
internal static class RunPage
{
    // The default encoder escapes <, > and &, so the configuration cannot close the script element it sits in.
    private static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web);

    public static async Task<ViewerResponse> RenderAsync(PlanFunctionsClient client, IRunViewerLinks links, string instanceId)
    {
        var status = await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false)).ConfigureAwait(false);
        if (status is null)
        {
            return Problem(404, links, "No such run", $"No run has the instance id '{instanceId}'.");
        }

        var control = links.Control(instanceId);
        var config = JsonSerializer.Serialize(
            new RunPageConfig(instanceId, links.Graph(instanceId), links.RunList(null), control.StatusQueryGetUri, control.SendEventPostUri,
                control.TerminatePostUri, control.SuspendPostUri, control.ResumePostUri, control.RewindPostUri),
            ConfigJson);
        var rewind = control.RewindPostUri is null
            ? string.Empty
            : """<button type="button" id="rewind" data-action="rewind" title="A Failed run only: its failed steps, and those skipped or cancelled because of them, run again; what succeeded is kept">Rewind</button>""";
        var body = $$"""
            <script type="application/json" id="run-config">{{config}}</script>
            <header class="run-header">
              <h1 id="run-name">{{Encode(status.Name)}}</h1>
              <span id="run-status" class="badge status-{{status.RuntimeStatus}}">{{status.RuntimeStatus}}</span>
              <span id="live" class="live" hidden>live</span>
              <code class="instance-id" id="run-id">{{Encode(instanceId)}}</code>
            </header>
            <section class="summary" aria-label="Progress">
              <div class="progress-line"><progress id="run-progress" max="1" value="0"></progress> <span id="progress-text"></span></div>
              <dl class="facts">
                <div><dt>Created</dt><dd id="run-created"></dd></div>
                <div><dt>Elapsed</dt><dd id="run-elapsed"></dd></div>
                <div><dt>Deadline</dt><dd id="run-deadline"></dd></div>
                <div><dt>Current step</dt><dd id="run-current"></dd></div>
              </dl>
              <p id="run-goal" class="goal" hidden></p>
            </section>
            <section class="controls" aria-label="Control the run">
              <button type="button" id="cancel" data-action="cancel" title="Raise the cancel event: running steps are cancelled, nothing new starts">Cancel</button>
              <button type="button" id="suspend" data-action="suspend" title="No new step starts until resumed">Suspend</button>
              <button type="button" id="resume" data-action="resume">Resume</button>
              <button type="button" id="terminate" data-action="terminate" class="danger" title="Stop at once">Terminate</button>
              {{rewind}}
              <input type="text" id="reason" placeholder="reason (optional)" aria-label="Reason">
              <span class="separator"></span>
              <input type="text" id="event-name" placeholder="event name" aria-label="Event name">
              <input type="text" id="event-payload" placeholder="JSON payload (optional)" aria-label="Event payload">
              <button type="button" id="raise" data-action="raise">Raise event</button>
              <output id="message" role="status"></output>
            </section>
            <main class="run-layout">
              <section class="graph-pane" aria-label="Plan graph">
                <div class="graph-toolbar">
                  <button type="button" id="zoom-in" title="Zoom in">+</button>
                  <button type="button" id="zoom-out" title="Zoom out">−</button>
                  <button type="button" id="zoom-fit" title="Show the whole graph">Fit</button>
                  <input type="search" id="find-step" placeholder="find a step" aria-label="Find a step" list="step-ids">
                  <datalist id="step-ids"></datalist>
                  <span class="legend" id="legend"></span>
                </div>
                <svg id="graph" role="group" aria-label="The plan's dependency graph"></svg>
              </section>
              <aside id="details" class="details" aria-live="polite"><p class="hint">Select a step to see its parameters, output or error.</p></aside>
            </main>
            <section id="final" class="final" hidden>
              <h2>Final response <span id="run-outcome" class="badge"></span></h2>
              <pre id="response"></pre>
              <p id="run-error" class="error" hidden></p>
            </section>
            """;
        return Answer(200, links, status.Name, body, "run.js");
    }
}
