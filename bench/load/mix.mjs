// The load generator of bench/load/run.py: loadtest (npm) sends the requests, this script picks
// them and times them. Usage: node mix.mjs PLAN.json OUT.json; writes one JSON object to OUT
// (a file: a large write to a pipe is cut short when the process exits).
//
// PLAN: {url, seconds, rate (open loop: requests per second, sent on schedule whether or not
// earlier ones were answered) or concurrency (closed loop: each client sends its next request
// once the last is answered), requests: [{name, weight, method, path, headers, body,
// idempotency, expect (the status that counts as served)}]}. The requests take turns in a
// fixed interleaved order that honours the weights, so every second of the run carries the
// same mix.
//
// Open-loop latency is measured from when the request was due (start + n / rate), not from when
// Node got round to sending it, so a generator that falls behind cannot hide queueing; the
// largest such lag is reported so that a run whose generator could not keep up is visible.
// Requests still unanswered when the run ends count with their age so far.

import { readFileSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { loadTest } from "loadtest";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));

function interleave(requests) {
  // Smooth weighted round robin: weights 4, 3, 2, 1 give R C L R F C R L C R, not R R R R C ...
  const current = requests.map(() => 0);
  const total = requests.reduce((sum, r) => sum + r.weight, 0);
  const order = [];
  for (let step = 0; step < total; step++) {
    let best = 0;
    requests.forEach((r, i) => {
      current[i] += r.weight;
      if (current[i] > current[best]) best = i;
    });
    current[best] -= total;
    order.push(best);
  }
  return order;
}

const order = interleave(plan.requests);
const keyPrefix = randomUUID();
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const results = []; // [request index, latency ms, HTTP status or 0 for a failed connection]
const failures = [];
const inflight = new Map();
let sent = 0;
let firstAt = null;
let maxLagMs = 0;

function record(token, status, error) {
  const flight = inflight.get(token);
  if (flight === undefined) return; // already counted (an error after the response)
  inflight.delete(token);
  results.push([flight.index, nowMs() - flight.from, status]);
  if (error !== undefined && failures.length < 20) failures.push(error);
}

function requestGenerator(_options, params, client, callback) {
  const at = nowMs();
  if (firstAt === null) firstAt = at;
  const index = order[sent % order.length];
  let from = at;
  if (plan.rate) {
    const due = firstAt + (sent * 1000) / plan.rate;
    maxLagMs = Math.max(maxLagMs, at - due);
    from = Math.min(at, due);
  }
  sent += 1;
  const spec = plan.requests[index];
  const token = sent;
  inflight.set(token, { index, from });
  params.method = spec.method;
  params.path = spec.path;
  params.headers = { ...params.headers, ...spec.headers };
  if (spec.idempotency) params.headers["Idempotency-Key"] = `${keyPrefix}-${token}`;
  if (spec.body) {
    params.headers["Content-Type"] = "application/json";
    params.headers["Content-Length"] = Buffer.byteLength(spec.body);
  }
  const request = client(params, (response) => {
    response.once("end", () => {
      const ok = response.statusCode === spec.expect;
      record(token, response.statusCode, ok ? undefined : `${spec.name}: ${response.statusCode}`);
    });
    callback(response);
  });
  request.on("error", (error) => record(token, 0, `${spec.name}: ${error.message}`));
  if (spec.body) request.write(spec.body);
  return request;
}

const options = {
  url: plan.url,
  maxSeconds: plan.seconds,
  agentKeepAlive: true,
  timeout: 30000,
  quiet: true,
  requestGenerator,
};
if (plan.rate) options.requestsPerSecond = plan.rate;
else options.concurrency = plan.concurrency;

const startedAt = nowMs();
const summary = await loadTest(options);
const endedAt = nowMs();
const unanswered = [...inflight.values()].map((f) => [f.index, endedAt - f.from]);
writeFileSync(
  process.argv[3],
  JSON.stringify({
    names: plan.requests.map((r) => r.name),
    expect: plan.requests.map((r) => r.expect),
    seconds: (endedAt - startedAt) / 1000,
    sent,
    max_lag_ms: maxLagMs,
    cpu_ms: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    results,
    unanswered,
    failures,
    loadtest: {
      total_requests: summary.totalRequests,
      total_errors: summary.totalErrors,
      rps: summary.rps,
      percentiles: summary.percentiles,
    },
  }) + "\n",
);
process.exit(0);
