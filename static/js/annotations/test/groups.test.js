import assert from "node:assert/strict";
import { test } from "node:test";

import { groupClientId, groupKey, groupMembers } from "../groups.js";

test("parts of one passage share a group through their client_id", () => {
  const a = { id: 1, client_id: groupClientId("g1", 0) };
  const b = { id: 2, client_id: groupClientId("g1", 1) };
  const alone = { id: 3, client_id: "5b1c0f3e-8f9a-4c1e-9d2a-0a1b2c3d4e5f" };
  const old = { id: 4, client_id: "" };
  const embedded = { id: 5 }; // the page embeds no client_id
  assert.equal(groupKey(a), "g1");
  assert.equal(groupKey(alone), null);
  assert.equal(groupKey(old), null);
  assert.equal(groupKey(embedded), null);
  const all = [a, b, alone, old, embedded];
  assert.deepEqual(groupMembers(b, all).map((x) => x.id), [1, 2]);
  assert.deepEqual(groupMembers(alone, all).map((x) => x.id), [3]);
});
