#!/usr/bin/env node
// SPDX-License-Identifier: MIT
//
// Checks both modes of the adapters, with no suite and no runner: three requests piped into one
// persistent adapter give three answer lines and a clean exit, and the one-shot mode answers one.
//
//   node selftest.js                      the two SDK adapters and the Python example
//   node selftest.js 'CMD' ['CMD' ...]    these adapter commands (run through /bin/sh -c)
'use strict';

const { spawnSync } = require('child_process');
const path = require('path');

const here = __dirname;
const commands = process.argv.length > 2 ? process.argv.slice(2) : [
  `node ${path.join(here, 'popcore.js')}`,
  `node ${path.join(here, 'tea.js')}`,
  `python3 ${path.join(here, '..', 'python', 'adapter.py')}`,
];

// The documented DescribeRegions example (ECS "Request signatures"), an encode and a decode.
const requests = [
  { operation: 'sign_v1', input: { method: 'GET', secret: 'testsecret', request: {
    AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0',
    Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26' } } },
  { operation: 'encode', input: { request: { Action: 'DescribeRegions', RegionId: 'cn-hangzhou' } } },
  { operation: 'decode', input: { action: 'AttachKeyPair', format: 'json',
    body_base64: Buffer.from('{"RequestId":"r"}').toString('base64') } },
];
const SIGNATURE = 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=';

let failed = 0;
function check(what, ok, detail) {
  if (!ok) {
    failed++;
    console.log(`FAIL ${what}: ${detail}`);
  } else {
    console.log(`ok   ${what}`);
  }
}

function objects(text) {
  return text.split('\n').filter((l) => l !== '').map((l) => {
    try {
      const v = JSON.parse(l);
      return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
    } catch (e) {
      return null;
    }
  });
}

for (const cmd of commands) {
  const input = requests.map((r) => JSON.stringify(r) + '\n').join('');
  const p = spawnSync('/bin/sh', ['-c', cmd], {
    input, env: Object.assign({}, process.env, { CONFORMANCE_PERSISTENT: '1' }), timeout: 30000,
  });
  const lines = objects(p.stdout.toString('utf8'));
  check(`${cmd}: persistent mode exits 0`, p.status === 0, `status ${p.status}, ${p.stderr}`);
  check(`${cmd}: three requests, three JSON objects`, lines.length === 3 && lines.every((l) => l !== null),
    JSON.stringify(p.stdout.toString('utf8')));
  check(`${cmd}: the documented signature`, lines[0] && lines[0].signature === SIGNATURE, JSON.stringify(lines[0]));

  const one = spawnSync('/bin/sh', ['-c', cmd], { input: JSON.stringify(requests[0]), timeout: 30000 });
  const answer = objects(one.stdout.toString('utf8'));
  check(`${cmd}: one-shot mode answers once`, one.status === 0 && answer.length === 1 && answer[0] &&
    answer[0].signature === SIGNATURE, `status ${one.status}, ${one.stdout}`);
}

console.log(`${commands.length * 4 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
