// SPDX-License-Identifier: MIT
//
// What the two SDK adapters share: the adapter protocol (one-shot and persistent), an in-memory
// HTTP transport that answers the SDK's request with the case's body, a record of what the SDK fed
// to HMAC and SHA-256, and the mapping of the SDKs' results to the suite's artifacts.
//
// Nothing here signs, encodes or parses on behalf of an SDK: the artifacts are what the SDK
// computed (its StringToSign, its HMAC output, the query and headers it wrote on the socket).
'use strict';

const crypto = require('crypto');
const http = require('http');
const https = require('https');
const stream = require('stream');

// ---------------------------------------------------------------------------------------------
// Record what the SDK hashes and signs. Installed before any SDK module is loaded.

const record = { hmac: [], hash: [] };

function wrapDigest(kind, algorithm, object) {
  const entry = { algorithm: String(algorithm).toLowerCase(), chunks: [], digest: null };
  record[kind].push(entry);
  const update = object.update;
  object.update = function (data, encoding) {
    if (typeof data === 'string') {
      entry.chunks.push(Buffer.from(data, encoding || 'utf8'));
    } else {
      entry.chunks.push(Buffer.from(data.buffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data));
    }
    return update.call(object, data, encoding);
  };
  const digest = object.digest;
  object.digest = function (encoding) {
    const out = digest.call(object);
    entry.digest = out;
    return encoding ? out.toString(encoding) : out;
  };
  return object;
}

const realCreateHmac = crypto.createHmac;
const realCreateHash = crypto.createHash;
crypto.createHmac = function (algorithm, key, options) {
  return wrapDigest('hmac', algorithm, realCreateHmac.call(crypto, algorithm, key, options));
};
crypto.createHash = function (algorithm, options) {
  return wrapDigest('hash', algorithm, realCreateHash.call(crypto, algorithm, options));
};

function entryData(entry) {
  return Buffer.concat(entry.chunks);
}

// The last HMAC of the given algorithm the SDK computed: {data, digest} or null.
function lastHmac(algorithm) {
  for (let i = record.hmac.length - 1; i >= 0; i--) {
    const e = record.hmac[i];
    if (e.algorithm === algorithm && e.digest !== null) {
      return { data: entryData(e), digest: e.digest };
    }
  }
  return null;
}

// The input of the SHA-256 the SDK computed whose hex digest is `hex`, or null.
function hashInput(hex) {
  for (let i = record.hash.length - 1; i >= 0; i--) {
    const e = record.hash[i];
    if (e.digest !== null && e.digest.toString('hex') === hex) {
      return entryData(e);
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The in-memory transport. Every http/https request any module makes goes to a socket that lives
// in this process: it records the request exactly as written (request line, headers, body) and
// answers with the reply of the current case. Nothing leaves the machine.

const transport = {
  reply: { status: 200, contentType: 'application/json;charset=utf-8', body: Buffer.from('{}') },
  sent: [],
};

function parseHead(text) {
  const lines = text.split('\r\n');
  const [method, target] = lines[0].split(' ');
  const headers = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return { method, target, headers };
}

// Returns the body when the request in buf is complete, else null.
function completeBody(head, rest) {
  const te = head.headers.find(([n]) => n === 'transfer-encoding');
  if (te && /chunked/i.test(te[1])) {
    const parts = [];
    let at = 0;
    for (;;) {
      const eol = rest.indexOf('\r\n', at);
      if (eol < 0) return null;
      const size = parseInt(rest.slice(at, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) return Buffer.alloc(0);
      if (size === 0) return rest.indexOf('\r\n\r\n', eol - 2 < 0 ? 0 : eol - 2) >= 0 ? Buffer.concat(parts) : null;
      if (rest.length < eol + 2 + size + 2) return null;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
  }
  const cl = head.headers.find(([n]) => n === 'content-length');
  const length = cl ? parseInt(cl[1], 10) : 0;
  return rest.length >= length ? rest.subarray(0, length) : null;
}

class MemorySocket extends stream.Duplex {
  constructor() {
    super();
    this.received = Buffer.alloc(0);
    this.answered = false;
    this.remoteAddress = '127.0.0.1';
    this.remotePort = 443;
    this.encrypted = true;
  }
  _write(chunk, encoding, callback) {
    this.received = Buffer.concat([this.received, Buffer.from(chunk, encoding)]);
    this.maybeAnswer();
    callback();
  }
  _read() {}
  maybeAnswer() {
    if (this.answered) return;
    const end = this.received.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = parseHead(this.received.subarray(0, end).toString('latin1'));
    const body = completeBody(head, this.received.subarray(end + 4));
    if (body === null) return;
    this.answered = true;
    transport.sent.push({ method: head.method, target: head.target, headers: head.headers, body });
    const r = transport.reply;
    const reason = http.STATUS_CODES[r.status] || 'Status';
    const lines = [`HTTP/1.1 ${r.status} ${reason}`, `Content-Type: ${r.contentType}`,
      `Content-Length: ${r.body.length}`, 'Connection: close', `Date: ${new Date().toUTCString()}`];
    this.push(Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), r.body]));
    this.push(null);
  }
  setTimeout() { return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { return this; }
  unref() { return this; }
  address() { return { address: '127.0.0.1', family: 'IPv4', port: 0 }; }
}

const realHttpRequest = http.request;
function memoryRequest(...args) {
  let url = null;
  let options = {};
  let callback;
  for (const a of args) {
    if (typeof a === 'function') callback = a;
    else if (typeof a === 'string' || a instanceof URL) url = a;
    else if (a) options = a;
  }
  const opts = Object.assign({}, options);
  if (url !== null) {
    const u = new URL(String(url));
    Object.assign(opts, { hostname: u.hostname, port: u.port || undefined, path: u.pathname + u.search }, options);
  }
  delete opts.agent;
  delete opts.protocol;
  opts.createConnection = () => new MemorySocket();
  return realHttpRequest.call(http, opts, callback);
}
http.request = memoryRequest;
https.request = memoryRequest;
http.get = (...a) => { const r = memoryRequest(...a); r.end(); return r; };
https.get = http.get;

// Set the reply of the current case and forget what was recorded.
function reset(reply) {
  transport.reply = reply;
  transport.sent = [];
  record.hmac = [];
  record.hash = [];
}

function lastSent() {
  return transport.sent.length ? transport.sent[transport.sent.length - 1] : null;
}

function header(sent, name) {
  const h = sent.headers.find(([n]) => n === name);
  return h ? h[1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Mapping helpers.

function percentDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return s;
  }
}

function compareBytes(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// The StringToSign of signature 1.0 is METHOD&%2F&percentEncode(canonical query): the canonical
// query the SDK signed is the percent-decoding of its third part (the encoding is reversible).
function canonicalFromStringToSign(sts) {
  const parts = sts.split('&');
  return parts.length === 3 ? percentDecode(parts[2]) : null;
}

// The signed query of the suite: the pairs the SDK sent, each as the SDK wrote it on the wire,
// in the suite's fixed order (sorted by raw name, the SDK's own Signature pair last). The order of
// the pairs on the wire carries no meaning; their bytes do, and are kept.
function signedQueryFromWire(query) {
  const pairs = query === '' ? [] : query.split('&').map((p) => {
    const eq = p.indexOf('=');
    return { raw: p, name: percentDecode(eq < 0 ? p : p.slice(0, eq)) };
  });
  let sig = -1;
  for (let i = pairs.length - 1; i >= 0; i--) {
    if (pairs[i].name === 'Signature') {
      sig = i;
      break;
    }
  }
  const signature = sig >= 0 ? pairs.splice(sig, 1)[0] : null;
  pairs.sort((a, b) => compareBytes(a.name, b.name));
  const out = pairs.map((p) => p.raw);
  if (signature) out.push(signature.raw);
  return out.join('&');
}

// Remove from a canonical query the pairs named in `names` (the ones the SDK added by itself).
function withoutPairs(canonical, names) {
  if (canonical === '') return canonical;
  return canonical.split('&').filter((p) => {
    const eq = p.indexOf('=');
    return !names.has(percentDecode(eq < 0 ? p : p.slice(0, eq)));
  }).join('&');
}

// The normalized document keeps counts as numbers and Success as a boolean; the SDKs hand them
// over as JSON numbers or as text. Lossless conversions only; anything else is passed on as the
// SDK gave it (and then fails the comparison, which is the point).
function count(v) {
  if (typeof v === 'string' && /^[0-9]+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  if (v && typeof v === 'object' && typeof v.isInteger === 'function' && v.isInteger()) {
    const n = Number(v.toFixed());
    return Number.isSafeInteger(n) ? n : v.toFixed();
  }
  return v;
}

function text(v) {
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && typeof v.toFixed === 'function' && typeof v.isInteger === 'function') return v.toFixed();
  return v;
}

function flag(v) {
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v;
}

function put(obj, key, value) {
  if (value !== undefined) obj[key] = value;
}

// A neutral error document from the members of an error body as the SDK exposes them.
function neutralError(data, status) {
  const e = {};
  put(e, 'HttpStatus', status);
  if (data && typeof data === 'object') {
    put(e, 'RequestId', data.RequestId);
    put(e, 'HostId', data.HostId);
    put(e, 'Code', text(data.Code));
    put(e, 'Message', data.Message);
    put(e, 'Recommend', data.Recommend);
    put(e, 'AccessDeniedDetail', data.AccessDeniedDetail);
  }
  return { Error: e };
}

function sdkError(e) {
  const detail = e && (e.stack || e.message) ? String(e.message || e.stack) : String(e);
  return { error: 'sdk_error', detail: detail.slice(0, 2000) };
}

// ---------------------------------------------------------------------------------------------
// Duplicate member names: JSON allows them, a JS object (the SDKs' parameter map) cannot hold
// them. Returns the first name seen twice in one object of the message, or null.

function duplicateName(textIn) {
  let i = 0;
  const s = textIn;
  const ws = () => { while (i < s.length && ' \t\r\n'.includes(s[i])) i++; };
  const str = () => {
    const start = i;
    i++;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    i++;
    try { return JSON.parse(s.slice(start, i)); } catch (e) { return s.slice(start, i); }
  };
  let found = null;
  const value = () => {
    ws();
    if (s[i] === '{') {
      i++;
      const seen = new Set();
      ws();
      if (s[i] === '}') { i++; return; }
      for (;;) {
        ws();
        const k = str();
        if (seen.has(k) && found === null) found = k;
        seen.add(k);
        ws();
        i++; // ':'
        value();
        ws();
        if (s[i] === ',') { i++; continue; }
        i++;
        return;
      }
    } else if (s[i] === '[') {
      i++;
      ws();
      if (s[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') { i++; continue; }
        i++;
        return;
      }
    } else if (s[i] === '"') {
      str();
    } else {
      while (i < s.length && !',]} \t\r\n'.includes(s[i])) i++;
    }
  };
  value();
  return found;
}

// ---------------------------------------------------------------------------------------------
// The protocol loop.

async function answerOne(textIn, handle) {
  let msg;
  try {
    msg = JSON.parse(textIn);
  } catch (e) {
    return { error: 'invalid_argument', detail: 'the request is not JSON: ' + e.message };
  }
  if (!msg || typeof msg !== 'object' || typeof msg.operation !== 'string') {
    return { error: 'invalid_argument', detail: 'the request has no operation' };
  }
  const dup = duplicateName(textIn);
  if (dup !== null) {
    return { unsupported: `the name "${dup}" is given twice; the SDK takes its parameters as a JavaScript object, which holds a name once` };
  }
  try {
    const out = await handle(msg.operation, msg.input || {});
    return out;
  } catch (e) {
    return { error: 'adapter_error', detail: String(e && e.stack ? e.stack : e).slice(0, 2000) };
  }
}

function write(obj) {
  return new Promise((resolve) => {
    process.stdout.write(JSON.stringify(obj) + '\n', resolve);
  });
}

function main(handle) {
  const chunks = [];
  if (process.env.CONFORMANCE_PERSISTENT === '1') {
    let pending = Buffer.alloc(0);
    let queue = Promise.resolve();
    process.stdin.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      let nl;
      while ((nl = pending.indexOf(10)) >= 0) {
        const line = pending.subarray(0, nl).toString('utf8');
        pending = pending.subarray(nl + 1);
        if (line.trim() === '') continue;
        queue = queue.then(async () => write(await answerOne(line, handle)));
      }
    });
    process.stdin.on('end', () => {
      queue.then(() => process.exit(0));
    });
    return;
  }
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', async () => {
    const out = await answerOne(Buffer.concat(chunks).toString('utf8'), handle);
    await write(out);
    process.exit(0);
  });
}

module.exports = {
  reset, lastSent, header, lastHmac, hashInput, canonicalFromStringToSign, signedQueryFromWire,
  withoutPairs, count, text, flag, put, neutralError, sdkError, main, percentDecode,
};
