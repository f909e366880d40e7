#!/usr/bin/env node
// SPDX-License-Identifier: MIT
//
// Conformance adapter for @alicloud/pop-core (RPCClient). Each case is one client.request() call,
// answered by the in-memory transport of common.js:
//
//   sign_v1  client.request(Action, parameters, {method, formatAction: false, formatParams: false})
//   encode   the same call; the canonical query the SDK signed, less the parameters the SDK added
//            by itself (Format, Version, Timestamp, SignatureNonce, SignatureMethod,
//            SignatureVersion, AccessKeyId, SecurityToken) that the case's request does not give
//   decode   the same call (POST), fed the case's body; JSON only (pop-core parses every reply
//            with json-bigint and has no XML reader)
//   sign_v3  unsupported: pop-core signs with signature 1.0 only
//   ids      unsupported: pop-core has no InstanceIds parser
//
// The request's AccessKeyId, the case's secret and the request's SecurityToken are the client's
// credentials; every other member, Action and Version included, is a parameter of the call
// (pop-core lets a caller's parameter win over its defaults). For AttachKeyPair and DetachKeyPair
// an InstanceIds list is written as its JSON text, the parameter's type in the API reference.
'use strict';

const c = require('./common.js');
const RPCClient = require('@alicloud/pop-core').RPCClient || require('@alicloud/pop-core');

const SDK_ADDED = ['Format', 'Version', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion',
  'AccessKeyId', 'SecurityToken'];

function own(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

async function call(method, request, secret) {
  let client;
  try {
    client = new RPCClient({
      accessKeyId: request.AccessKeyId,
      accessKeySecret: secret,
      securityToken: request.SecurityToken,
      endpoint: 'https://ecs.aliyuncs.com',
      apiVersion: '2014-05-26',
    });
  } catch (e) {
    return { error: e };
  }
  const params = {};
  const typed = request.Action === 'AttachKeyPair' || request.Action === 'DetachKeyPair';
  for (const name of Object.keys(request)) {
    if (name === 'AccessKeyId' || name === 'SecurityToken') continue;
    // The API reference types InstanceIds of these two operations as a String, the JSON text of
    // the list: a caller writes a list as that text (JSON.stringify). Any other array is handed
    // to pop-core as an array, which it sends as the repeat list Name.1, Name.2, ...
    const value = request[name];
    params[name] = typed && name === 'InstanceIds' && Array.isArray(value) ? JSON.stringify(value) : value;
  }
  try {
    const result = await client.request(request.Action, params, { method, formatAction: false, formatParams: false });
    return { result };
  } catch (e) {
    return { error: e };
  }
}

const OK = { status: 200, contentType: 'application/json;charset=utf-8', body: Buffer.from('{"RequestId":"conformance"}') };

function refusal(e, request, secret) {
  // The client's own refusals (assertions of the constructor), where a stable name says the same.
  const m = String(e && e.message);
  if (secret === '' && /config\.accessKeySecret/.test(m)) return { error: 'missing_secret', detail: m };
  if ((request.AccessKeyId === undefined || request.AccessKeyId === '') && /config\.accessKeyId/.test(m)) {
    return { error: 'missing_parameter', detail: m };
  }
  return c.sdkError(e);
}

function requestOf(input) {
  const r = input.request;
  if (!r || typeof r !== 'object' || Array.isArray(r)) {
    return { unsupported: 'the SDK takes its parameters as an object; this request is not one' };
  }
  if (typeof r.Action !== 'string') {
    return { unsupported: 'the SDK calls an API by its Action, a required argument; this request has none' };
  }
  return null;
}

function wireQuery(sent) {
  const q = sent.target.indexOf('?');
  const parts = [];
  if (q >= 0 && q + 1 < sent.target.length) parts.push(sent.target.slice(q + 1));
  const ct = c.header(sent, 'content-type') || '';
  if (sent.body.length && /x-www-form-urlencoded/i.test(ct)) parts.push(sent.body.toString('utf8'));
  return parts.join('&');
}

async function signV1(input, encodeOnly) {
  const bad = requestOf(input);
  if (bad) return bad;
  const request = input.request;
  let secret = input.secret;
  let req = request;
  if (encodeOnly) {
    // Signing needs a credential; one the request does not give is removed again below.
    req = Object.assign({}, request);
    if (req.AccessKeyId === undefined) req.AccessKeyId = 'placeholder';
    secret = 'placeholder';
  }
  c.reset(OK);
  const { error } = await call(encodeOnly ? 'POST' : input.method, req, secret);
  const sent = c.lastSent();
  const hm = c.lastHmac('sha1');
  if (!sent || !hm) return refusal(error, request, secret);
  const sts = hm.data.toString('utf8');
  const canonical = c.canonicalFromStringToSign(sts);
  if (encodeOnly) {
    const added = new Set(SDK_ADDED.filter((n) => !own(request, n)));
    return { canonical_query: c.withoutPairs(canonical, added) };
  }
  return {
    canonical_query: canonical,
    string_to_sign: sts,
    signature: hm.digest.toString('base64'),
    signed_query: c.signedQueryFromWire(wireQuery(sent)),
  };
}

function results(r) {
  if (r === undefined || r === null) return undefined;
  if (typeof r !== 'object' || Array.isArray(r)) return r;
  if (!Array.isArray(r.Result)) return r.Result === undefined ? [] : r.Result;
  return r.Result.map((x) => {
    if (!x || typeof x !== 'object') return x;
    const o = {};
    c.put(o, 'InstanceId', x.InstanceId);
    c.put(o, 'Code', c.text(x.Code));
    c.put(o, 'Message', x.Message);
    c.put(o, 'Success', c.flag(x.Success));
    return o;
  });
}

// json-bigint hands over big integers as BigNumber objects: give them to JSON as numbers when
// they are exact, else as their decimal text.
function plain(v) {
  if (v && typeof v === 'object') {
    if (typeof v.isBigNumber === 'function' || v._isBigNumber === true || typeof v.toFixed === 'function') {
      const n = Number(v.toString());
      return Number.isSafeInteger(n) || !Number.isInteger(n) ? n : v.toFixed();
    }
    if (Array.isArray(v)) return v.map(plain);
    const o = {};
    for (const k of Object.keys(v)) o[k] = plain(v[k]);
    return o;
  }
  return v;
}

async function decode(input) {
  const limits = input.limits || {};
  if (Object.keys(limits).some((k) => limits[k] !== 0)) {
    return { unsupported: 'the SDK has no decode limits' };
  }
  if (input.action !== 'AttachKeyPair' && input.action !== 'DetachKeyPair') {
    return { unsupported: 'the adapter calls AttachKeyPair or DetachKeyPair only' };
  }
  if (input.format === 'xml' || input.format === 'XML') {
    return { unsupported: 'pop-core parses every reply as JSON (json-bigint); it has no XML reader' };
  }
  if (input.format !== 'json' && input.format !== 'JSON') {
    return { unsupported: 'pop-core reads JSON replies only; the format ' + JSON.stringify(input.format) + ' is not JSON' };
  }
  const known = input.http_status !== undefined;
  const status = known ? input.http_status : 200;
  if (status < 200) return { unsupported: 'an HTTP 1xx status is informational: the transport waits for a final one' };
  c.reset({ status, contentType: 'application/json;charset=utf-8', body: Buffer.from(input.body_base64 || '', 'base64') });
  const request = {
    Action: input.action, RegionId: 'cn-hangzhou', KeyPairName: 'conformance', InstanceIds: '["i-conformance"]',
    AccessKeyId: 'conformance', Timestamp: '2024-01-01T00:00:00Z', SignatureNonce: 'conformance',
  };
  const { result, error } = await call('POST', request, 'conformance');
  if (error) {
    if (error.data !== undefined && error.code !== undefined) {
      const st = error.entry && error.entry.response ? error.entry.response.statusCode : undefined;
      return { response: c.neutralError(plain(error.data), known ? st : undefined) };
    }
    if (error.name === 'SyntaxError') return { error: 'malformed_body', detail: error.message };
    return c.sdkError(error);
  }
  const b = result;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return { response: plain(b === undefined ? null : b) };
  const out = {};
  c.put(out, 'RequestId', plain(b.RequestId));
  c.put(out, 'KeyPairName', plain(b.KeyPairName));
  c.put(out, 'TotalCount', c.count(b.TotalCount));
  c.put(out, 'FailCount', c.count(b.FailCount));
  c.put(out, 'Results', plain(results(b.Results)));
  return { response: out };
}

async function handle(operation, input) {
  switch (operation) {
    case 'encode': return signV1(input, true);
    case 'sign_v1': return signV1(input, false);
    case 'sign_v3': return { unsupported: 'pop-core signs with signature 1.0 (HMAC-SHA1) only' };
    case 'decode': return decode(input);
    case 'ids': return { unsupported: 'pop-core has no InstanceIds parser: a string is sent as given, an array as InstanceIds.N' };
    default: return { unsupported: 'unknown operation ' + JSON.stringify(operation) };
  }
}

c.main(handle);
