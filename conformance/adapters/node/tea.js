#!/usr/bin/env node
// SPDX-License-Identifier: MIT
//
// Conformance adapter for the official Tea stack: @alicloud/ecs20140526 on @alicloud/openapi-core
// (@darabonba/typescript, @alicloud/tea-typescript). Each case is one call of the SDK, answered
// by the in-memory transport of common.js:
//
//   sign_v1  Config.signatureAlgorithm "v2" (the SDK's signature 1.0 path, doRPCRequest)
//   sign_v3  the SDK's default (ACS3-HMAC-SHA256, doRequest)
//   encode   the signature 1.0 path; the canonical query the SDK signed, less the parameters the
//            SDK added by itself (Format, Version, Timestamp, SignatureNonce, SignatureMethod,
//            SignatureVersion, AccessKeyId, SecurityToken) that the case's request does not give
//   decode   client.attachKeyPairWithOptions / detachKeyPairWithOptions, fed the case's body
//   ids      unsupported: the SDK takes InstanceIds as the caller's string and has no parser
//
// AttachKeyPair and DetachKeyPair sent by POST go through the typed methods (the request model's
// fields RegionId, KeyPairName, InstanceIds, OwnerId, ResourceOwnerAccount, ResourceOwnerId; every
// other parameter through RuntimeOptions.extendsParameters; an InstanceIds list is written as its
// JSON text, the model's type); anything else through the SDK's generic client.callApi with the
// same Params the typed methods use, where a list is the SDK's repeat list (InstanceIds.N).
'use strict';

const c = require('./common.js');
const $dara = require('@darabonba/typescript');
const Ecs = require('@alicloud/ecs20140526');
const openapi = require('@alicloud/openapi-core');

const $OpenApiUtil = openapi.$OpenApiUtil;
const OpenApiUtil = openapi.OpenApiUtil;

const TYPED = {
  AttachKeyPair: { method: 'attachKeyPairWithOptions', Model: Ecs.AttachKeyPairRequest },
  DetachKeyPair: { method: 'detachKeyPairWithOptions', Model: Ecs.DetachKeyPairRequest },
};
const MODEL_FIELDS = {
  InstanceIds: 'instanceIds',
  KeyPairName: 'keyPairName',
  OwnerId: 'ownerId',
  RegionId: 'regionId',
  ResourceOwnerAccount: 'resourceOwnerAccount',
  ResourceOwnerId: 'resourceOwnerId',
};
const SDK_ADDED = ['Format', 'Version', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion',
  'AccessKeyId', 'SecurityToken'];

function own(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

// One SDK call. scheme: "v1" or "v3". Returns {result, error} after the transport answered.
async function call(scheme, method, request, secret, host, body, contentType) {
  const action = request.Action;
  const config = new $OpenApiUtil.Config({
    accessKeyId: request.AccessKeyId,
    accessKeySecret: secret,
    securityToken: request.SecurityToken,
    endpoint: host,
  });
  if (scheme === 'v1') config.signatureAlgorithm = 'v2';
  let client;
  try {
    client = new Ecs.default(config);
  } catch (e) {
    return { error: e };
  }

  const queries = {};
  const headers = {};
  const model = {};
  const typed = own(TYPED, action) && method === 'POST' && body === undefined;
  for (const name of Object.keys(request)) {
    const value = request[name];
    if (name === 'Action' || name === 'AccessKeyId' || name === 'SecurityToken') continue;
    if (scheme === 'v3') {
      // The suite's V3 mapping of the request list (conformance/README.md, sign_v3).
      if (name === 'Timestamp') { headers['x-acs-date'] = value; continue; }
      if (name === 'SignatureNonce') { headers['x-acs-signature-nonce'] = value; continue; }
      if (name === 'Version') { headers['x-acs-version'] = value; continue; }
      if (name === 'SignatureMethod' || name === 'SignatureVersion') continue;
    }
    // AttachKeyPairRequest.instanceIds is a string, the JSON text of the list (the parameter's
    // type in the API reference): a caller writes a list as that text (JSON.stringify), and the
    // SDK sends it as given. Any other array is the SDK's repeat list (Name.1, Name.2, ...).
    const v = own(TYPED, action) && name === 'InstanceIds' && Array.isArray(value) ? JSON.stringify(value) : value;
    if (typed && own(MODEL_FIELDS, name)) model[MODEL_FIELDS[name]] = v;
    else queries[name] = v;
  }
  const runtime = new $dara.RuntimeOptions({
    extendsParameters: new $dara.ExtendsParameters({ headers, queries }),
  });
  try {
    if (typed) {
      const t = TYPED[action];
      return { result: await client[t.method](new t.Model(model), runtime) };
    }
    let version = request.Version;
    if (own(TYPED, action)) version = '2014-05-26';
    const params = new $OpenApiUtil.Params({
      action, version, protocol: 'HTTPS', pathname: '/', method, authType: 'AK', style: 'RPC',
      reqBodyType: body === undefined ? 'formData' : 'byte', bodyType: 'json',
    });
    const req = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(queries) });
    if (body !== undefined) {
      req.body = body;
      if (contentType !== undefined) req.headers = { 'content-type': contentType };
    }
    return { result: await client.callApi(params, req, runtime) };
  } catch (e) {
    return { error: e };
  }
}

const OK = { status: 200, contentType: 'application/json;charset=utf-8', body: Buffer.from('{"RequestId":"conformance"}') };

function refusal(e, request, secret, host) {
  // The SDK's own refusals before anything is sent, where a stable name says the same thing.
  const m = String(e && e.message);
  if (e && e.code === 'InvalidCredentials') {
    if (secret === '') return { error: 'missing_secret', detail: m };
    if (request.AccessKeyId === undefined || request.AccessKeyId === '') return { error: 'missing_parameter', detail: m };
  }
  // No endpoint given and no region to derive one from: the client has no host to call.
  if (host === undefined && /RegionId is empty/.test(m)) return { error: 'missing_parameter', detail: m };
  // Node's HTTP layer, beneath the SDK, refuses a header value holding a control character.
  if (e && e.code === 'ERR_INVALID_CHAR') return { error: 'invalid_parameter_value', detail: m };
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

// The generic call takes the API version as a required argument (Params.version).
function versionless(request) {
  return !own(TYPED, request.Action) && (request.Version === undefined || request.Version === null);
}
const NO_VERSION = {
  unsupported: 'the SDK\'s generic call (callApi) takes the API version as a required argument (Params.version); this request has no Version',
};

async function signV1(input, encodeOnly) {
  const bad = requestOf(input);
  if (bad) return bad;
  const request = input.request;
  let secret = input.secret;
  let req = request;
  if (encodeOnly) {
    // Signing needs a credential and the generic call a version; what the request does not give
    // is removed again below, with the rest of what the SDK added.
    req = Object.assign({}, request);
    if (req.AccessKeyId === undefined) req.AccessKeyId = 'placeholder';
    if (versionless(req)) req.Version = '2014-05-26';
    secret = 'placeholder';
  } else if (versionless(request)) {
    return NO_VERSION;
  }
  c.reset(OK);
  const { error } = await call('v1', encodeOnly ? 'POST' : input.method, req, secret, 'ecs.aliyuncs.com');
  const sent = c.lastSent();
  const hm = c.lastHmac('sha1');
  if (!sent || !hm) return refusal(error, request, secret, 'ecs.aliyuncs.com');
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

async function signV3(input) {
  const bad = requestOf(input);
  if (bad) return bad;
  if (versionless(input.request)) return NO_VERSION;
  const body = input.body_base64 === undefined ? undefined : Buffer.from(input.body_base64, 'base64');
  c.reset(OK);
  const { error } = await call('v3', input.method, input.request, input.secret, input.host, body, input.content_type);
  const sent = c.lastSent();
  const hm = c.lastHmac('sha256');
  if (!sent || !hm) return refusal(error, input.request, input.secret, input.host);
  const sts = hm.data.toString('utf8');
  const hashed = sts.split('\n')[1] || '';
  const cr = c.hashInput(hashed);
  const authorization = c.header(sent, 'authorization');
  const added = ownHeaders(authorization, input);
  if (added.length > 0) {
    // The case gives every header of its request (conformance/README.md, sign_v3); the SDK
    // sends and signs more, so it signs another request than the case's and cannot express it.
    return { unsupported: 'the SDK adds and signs headers of its own: ' + added.join(', ') };
  }
  return {
    canonical_request: cr === null ? null : cr.toString('utf8'),
    string_to_sign: sts,
    signature: hm.digest.toString('hex'),
    authorization,
  };
}

// The signed headers of an Authorization value that the case's request does not give: the
// suite's V3 set (host, x-acs-action, x-acs-content-sha256, x-acs-date, x-acs-signature-nonce,
// x-acs-version, x-acs-security-token with a SecurityToken, content-type with a body).
function ownHeaders(authorization, input) {
  const m = /SignedHeaders=([^,]*)/.exec(authorization || '');
  if (!m) return [];
  const expected = new Set(['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date',
    'x-acs-signature-nonce', 'x-acs-version']);
  if (own(input.request, 'SecurityToken')) expected.add('x-acs-security-token');
  if (input.body_base64 !== undefined || input.content_type !== undefined) expected.add('content-type');
  return m[1].split(';').filter((h) => h !== '' && !expected.has(h));
}

function results(r) {
  if (r === undefined || r === null) return undefined;
  if (!Array.isArray(r.result)) return r.result === undefined ? [] : r.result;
  return r.result.map((x) => {
    const o = {};
    c.put(o, 'InstanceId', x.instanceId);
    c.put(o, 'Code', c.text(x.code));
    c.put(o, 'Message', x.message);
    c.put(o, 'Success', c.flag(x.success));
    return o;
  });
}

async function decode(input) {
  const limits = input.limits || {};
  if (Object.keys(limits).some((k) => limits[k] !== 0)) {
    return { unsupported: 'the SDK has no decode limits' };
  }
  if (!own(TYPED, input.action)) return { unsupported: 'the SDK has no operation ' + JSON.stringify(input.action) + ' here' };
  let contentType;
  if (input.format === 'json' || input.format === 'JSON') contentType = 'application/json;charset=utf-8';
  else if (input.format === 'xml' || input.format === 'XML') contentType = 'text/xml;charset=utf-8';
  else return { unsupported: 'the SDK reads JSON and XML replies only; the format ' + JSON.stringify(input.format) + ' is neither' };
  const known = input.http_status !== undefined;
  const status = known ? input.http_status : 200;
  if (status < 200) return { unsupported: 'an HTTP 1xx status is informational: the transport waits for a final one' };
  if (contentType.startsWith('text/xml') && !(status >= 400 && status < 600)) {
    return { unsupported: 'the SDK reads an XML body only as an error reply (HTTP 4xx/5xx); other replies are read as JSON' };
  }
  c.reset({ status, contentType, body: Buffer.from(input.body_base64 || '', 'base64') });
  const request = {
    Action: input.action, RegionId: 'cn-hangzhou', KeyPairName: 'conformance', InstanceIds: '["i-conformance"]',
    AccessKeyId: 'conformance', Timestamp: '2024-01-01T00:00:00Z', SignatureNonce: 'conformance',
  };
  const { result, error } = await call('v3', 'POST', request, 'conformance', 'ecs.aliyuncs.com');
  if (error) {
    if (error.data !== undefined && error.statusCode !== undefined) {
      return { response: c.neutralError(error.data, known ? error.statusCode : undefined) };
    }
    if (error instanceof SyntaxError) return { error: 'malformed_body', detail: error.message };
    // The model cast refusing a value of the wrong JSON type.
    if (/is mismatch|^expect: |can not cast to Map/.test(String(error.message))) return { error: 'wrong_type', detail: error.message };
    return c.sdkError(error);
  }
  const b = result.body;
  if (!b || typeof b !== 'object') return { response: b === undefined ? null : b };
  const out = {};
  c.put(out, 'RequestId', b.requestId);
  c.put(out, 'KeyPairName', b.keyPairName);
  c.put(out, 'TotalCount', c.count(b.totalCount));
  c.put(out, 'FailCount', c.count(b.failCount));
  c.put(out, 'Results', results(b.results));
  return { response: out };
}

async function handle(operation, input) {
  switch (operation) {
    case 'encode': return signV1(input, true);
    case 'sign_v1': return signV1(input, false);
    case 'sign_v3': return signV3(input);
    case 'decode': return decode(input);
    case 'ids': return { unsupported: 'the SDK has no InstanceIds parser: AttachKeyPairRequest.instanceIds is the caller\'s string, sent as given' };
    default: return { unsupported: 'unknown operation ' + JSON.stringify(operation) };
  }
}

c.main(handle);
