#!/usr/bin/env node
// Writes a Janus configuration folder from the templates in deploy/janus/ (production, tests and the bench).
// Usage: node scripts/janus-config.mjs <folder> [--ws-port 8188] [--ws-ip 127.0.0.1] [--rtp 20000-40000]
//        [--api-secret <secret>] [--enforce <interface>]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const templates = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../deploy/janus');

/**
 * @param {string} dir
 * @param {{ wsPort?: number, wsIp?: string, rtpRange?: string, apiSecret?: string, enforce?: string }} [o]
 */
export function writeJanusConfig(dir, o = {}) {
  const folder = path.resolve(dir);
  mkdirSync(folder, { recursive: true });
  const values = {
    '@CONFIG_DIR@': folder,
    '@WS_PORT@': String(o.wsPort ?? 8188),
    '@WS_IP@': o.wsIp ?? '127.0.0.1',
    '@RTP_RANGE@': o.rtpRange ?? '20000-40000',
    '@API_SECRET@': o.apiSecret ?? '',
    // Tests: Janus never gathers candidates on loopback; a veth with a 127.0.0.x address is enforced instead.
    '@ICE_ENFORCE@': o.enforce ? `ice_enforce_list = "${o.enforce}"` : '',
  };
  for (const name of readdirSync(templates).filter((f) => f.endsWith('.jcfg'))) {
    let text = readFileSync(path.join(templates, name), 'utf8');
    for (const [k, v] of Object.entries(values)) text = text.replaceAll(k, v);
    // An empty API secret means none (the socket is bound to loopback in tests).
    if (!o.apiSecret) text = text.replace(/^\s*api_secret = "";\n?/m, '').replace(/^\s*api_secret = ""\n/m, '');
    writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) {
    console.error(
      'usage: node scripts/janus-config.mjs <folder> [--ws-port N] [--ws-ip IP] [--rtp A-B] [--api-secret S] [--enforce IFACE]',
    );
    process.exit(2);
  }
  const opt = (name) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const out = writeJanusConfig(dir, {
    wsPort: opt('--ws-port') ? Number(opt('--ws-port')) : undefined,
    wsIp: opt('--ws-ip'),
    rtpRange: opt('--rtp'),
    apiSecret: opt('--api-secret'),
    enforce: opt('--enforce'),
  });
  console.log(`Janus configuration written to ${out}`);
}
