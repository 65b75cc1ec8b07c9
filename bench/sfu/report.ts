// The SFU bench's report: markdown (printed and written) and JSON (everything).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { StreamRate } from './rtp.js';
import type { SfuReport, SitesRun } from './types.js';

const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const ratio = (x: number | undefined, base: number) => (x !== undefined && base > 0 ? `×${(x / base).toFixed(2)}` : '–');
const kbps = (bps: number | null | undefined) => (bps ? `${Math.round(bps / 1000)}` : '–');
const CAMERA = { pattern: "Chromium's fake camera", busy: 'busy clip' } as const;
const res = (r: StreamRate | undefined) => (r && r.frameWidth ? `${r.frameWidth}×${r.frameHeight} at ${f(r.fps)} fps` : '–');

function sitesRow(s: SitesRun, base: SfuReport['baseline'], cores: number): string {
  if (s.error || !s.janus || !s.streams)
    return `| ${s.label} | ${s.sites} | ${s.forwarded} | failed: ${s.error ?? '?'} | | | | | | | | | | |`;
  const j = s.janus;
  const st = s.streams;
  return (
    `| ${s.label} | ${s.sites} | ${s.forwarded} | ${st.flowing}/${st.expected}${s.flowing?.ok ? '' : ' (not all > 10 frames before the window)'} ` +
    `| ${f(j.cpuPct)} (${f(j.perSecondPct.min, 0)}–${f(j.perSecondPct.max, 0)}) | ${f(j.msPerSecPerStream, 2)} | ${ratio(j.msPerSecPerStream, base.msPerSecPerStream)} ` +
    `| ${f(j.msPerSecPerStreamNetOfIdle, 2)} | ${f(j.usPerForwardedPacket)} | ${ratio(j.usPerForwardedPacket, base.usPerForwardedPacket)} ` +
    `| ${f(st.decodedFpsTotal, 0)} / ${f(st.decodedFpsExpected, 0)} | ${f(st.fpsPerStream.min)}–${f(st.fpsPerStream.max)} ` +
    `| ${f(st.kbpsPerStream.median, 0)} | ${f(s.chromiumCpuPct, 0)} | ${f(s.machineBusyPct, 0)} / ${cores * 100} |`
  );
}

export function renderSfuMarkdown(r: SfuReport): string {
  const e = r.environment;
  const st = r.settings;
  const cores = e.cpus;
  const base = r.baseline;
  const biggest = [...r.sites].filter((s) => s.janus).sort((a, b) => b.sites - a.sites)[0];
  const lines: string[] = [];
  lines.push(`# Janus SFU — ${r.date.slice(0, 10)}`, '');

  lines.push('## How measured', '');
  lines.push(
    `${cores} × ${e.cpuModel}, Janus ${e.janus} (VideoRoom ${e.janusPlugins['janus.plugin.videoroom'] ?? '?'}, AudioBridge ` +
      `${e.janusPlugins['janus.plugin.audiobridge'] ?? '?'}) started for the run from \`scripts/janus-config.mjs\`, headless Chromium ${e.chromium}, ` +
      `Node ${e.node}, all in one loopback-only network namespace (Janus on a veth with 127.0.0.2); 1-min load average ${e.loadAverage.start} at ` +
      `start and ${e.loadAverage.end} at end (other work shares the machine: compare the ratios, not the absolute figures). ` +
      `**CPU**: each site is one Chromium page (own browser context, own Janus session) publishing a ${st.site.width}×${st.site.height} fake ` +
      `camera at ${st.site.fps} fps, VP8, sender \`maxBitrate\` ${st.site.maxBitrate / 1000} kbps, to one VideoRoom (created as the server does, ` +
      `\`publishers: 20\`) and receiving every other site's video on one multistream subscriber handle, so N sites make N × (N − 1) forwarded ` +
      `streams. Janus's CPU is utime + stime of its process (all threads) from \`/proc/<pid>/stat\` (${e.clockTicks} ticks/s), over a ` +
      `${st.windowSeconds} s window starting ${st.warmupSeconds} s after every subscriber had decoded more than 10 frames of each stream ` +
      `(\`getStats\`); the baseline is 2 sites, run before and after the others in the same run; Janus idle (no session, ${r.idle.seconds} s) ` +
      `used ${f(r.idle.janusCpuPct, 2)}% of a core. **Bitrate**: a ${st.modeCamera.width}×${st.modeCamera.height} camera (up to ` +
      `${st.modeCamera.fps} fps) published through the VideoRoom with the web app's own encoding for the mode (\`videoEncodingFor\`, caps ` +
      `\`MODE_VIDEO_BITRATE\`), 'low' applied to the same sender with \`setParameters\` as the app steps down, received by a subscriber page; ` +
      `two cameras: Chromium's fake camera (a flat animated pattern VP8 squeezes far below the caps: a floor) and a busy synthetic clip ` +
      `(a finely detailed texture panning 3 px a frame plus sensor-like noise, \`bench/sfu/y4m.ts\`: the encoder spends what the cap allows, ` +
      `a ceiling). Sound-only: two pages in one AudioBridge room at ${r.audio.samplingRate / 1000} kHz, each hearing the other's fake microphone ` +
      `(a beep a second) mixed at the Opus rate its \`configure\` \`bitrate\` sets (the server's \`MIX_BITRATE\`). "Received" is ` +
      `\`bytesReceived + headerBytesReceived\` (RTP payload and headers) over a ${st.modeWindowSeconds} s window after the warm-up shown; ` +
      `"on the wire" adds IPv4 + UDP (28 B) and the SRTP tag of each packet. Whole run ${r.wallSeconds} s.`,
    '',
  );

  lines.push('## Janus CPU per forwarded stream', '');
  lines.push(
    '| run | sites | forwarded streams | streams decoding in the window | Janus % of one core (1-s min–max) | Janus CPU ms/s per forwarded stream | × baseline | same, net of idle | Janus µs per forwarded packet | × baseline | decoded fps total / expected | fps per stream (min–max) | kbps per stream (median) | Chromium % of one core | machine busy % |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const s of r.sites) lines.push(sitesRow(s, base, cores));
  lines.push('');
  lines.push(
    `Baseline (2 sites, mean of the ${base.from.length} runs): ${f(base.msPerSecPerStream, 2)} ms of CPU per second per forwarded stream, ` +
      `${f(base.usPerForwardedPacket)} µs per forwarded packet.`,
  );
  if (biggest?.janus && biggest.sites !== 2)
    lines.push(
      `Per forwarded stream, ${biggest.sites} sites cost ${ratio(biggest.janus.msPerSecPerStream, base.msPerSecPerStream)} what 2 sites cost ` +
        `(${f(biggest.janus.msPerSecPerStream, 2)} vs ${f(base.msPerSecPerStream, 2)} ms/s), ` +
        `${ratio(biggest.janus.usPerForwardedPacket, base.usPerForwardedPacket)} per forwarded packet; Janus used ${f(biggest.janus.cpuPct)}% of one core ` +
        `for ${biggest.forwarded} streams. The per-stream figure divides all of Janus's CPU (receiving the N published streams, RTCP, ICE ` +
        `and its per-session work included) by the forwarded streams, so the 2-site figure carries the largest share of fixed work.`,
    );
  if (r.fit.points >= 3)
    lines.push(
      `Least squares over the ${r.fit.points} runs: Janus CPU ≈ ${f(r.fit.interceptPct, 2)}% + ${f(r.fit.msPerSecPerForwardedStream, 3)} ms/s × ` +
        `forwarded streams: one more forwarded ${st.site.width}×${st.site.height} stream costs about ` +
        `${f(r.fit.msPerSecPerForwardedStream / 10, 3)}% of a core.`,
    );
  lines.push('');

  lines.push('## Bitrate per mode', '');
  lines.push(
    '| mode | camera | what is measured | cap kbps | received kbps | on the wire kbps | × cap | packets/s | received as | sender target / estimate kbps | warm-up s |',
    '|---|---|---|--:|--:|--:|--:|--:|---|---|--:|',
  );
  for (const m of r.modes) {
    if (m.error || !m.inbound) {
      lines.push(
        `| ${m.mode} | ${CAMERA[m.source]} | video, subscriber | ${kbps(m.encoding.maxBitrate)} | failed: ${m.error ?? 'no stream'} | | | | | | |`,
      );
      continue;
    }
    const enc = `scale ÷${m.encoding.scaleResolutionDownBy}${m.encoding.maxFramerate ? `, ≤ ${m.encoding.maxFramerate} fps` : ''}`;
    lines.push(
      `| ${m.mode} | ${CAMERA[m.source]} | video received by the subscriber (${enc}) | ${kbps(m.encoding.maxBitrate)} | ${f(m.inbound.kbps)} ` +
        `| ${f(m.inbound.wireKbps)} | ${ratio(m.inbound.kbps * 1000, m.encoding.maxBitrate)} | ${f(m.inbound.packetsPerSecond, 0)} | ${res(m.inbound)} ` +
        `| ${kbps(m.targetBitrate)} / ${kbps(m.availableOutgoingBitrate)}${m.qualityLimitationReason && m.qualityLimitationReason !== 'none' ? ` (limited: ${m.qualityLimitationReason})` : ''} | ${m.warmupSeconds} |`,
    );
  }
  if (r.audio.error)
    lines.push(`| sound-only | – | AudioBridge | ${kbps(r.modeCaps.mixSoundOnly)} | failed: ${r.audio.error} | | | | | | |`);
  for (const a of [...r.audio.runs].sort((x, y) => Number(y.who === 'sound-only') - Number(x.who === 'sound-only'))) {
    const label = a.who === 'sound-only' ? 'sound-only' : 'normal (audio)';
    if (a.inbound)
      lines.push(
        `| ${label} | fake microphone | AudioBridge mix received (Opus ${a.mixBitrate / 1000} kbps) | ${kbps(a.mixBitrate)} | ${f(a.inbound.kbps)} ` +
          `| ${f(a.inbound.wireKbps)} | ${ratio(a.inbound.kbps * 1000, a.mixBitrate)} | ${f(a.inbound.packetsPerSecond, 0)} | audio, ${a.srtpCipher ?? '?'} | – | ${st.warmupSeconds} |`,
      );
    if (a.outbound)
      lines.push(
        `| ${label} | fake microphone | microphone sent (${a.micMaxBitrate ? `sender cap ${a.micMaxBitrate / 1000} kbps` : "Chromium's default Opus, no cap"}) ` +
          `| ${kbps(a.micMaxBitrate)} | ${f(a.outbound.kbps)} | ${f(a.outbound.wireKbps)} | ${a.micMaxBitrate ? ratio(a.outbound.kbps * 1000, a.micMaxBitrate) : '–'} ` +
          `| ${f(a.outbound.packetsPerSecond, 0)} | audio | – | ${st.warmupSeconds} |`,
      );
  }
  lines.push('');
  const so = r.audio.runs.find((a) => a.who === 'sound-only');
  if (so?.inbound && so.outbound)
    lines.push(
      `Sound-only on the wire: ${f(so.inbound.wireKbps)} kbps down (the ${so.mixBitrate / 1000} kbps mix at ${f(so.inbound.packetsPerSecond, 0)} packets/s, of which ` +
        `${f(so.inbound.wireKbps - so.inbound.kbps)} kbps is IP/UDP/SRTP) and ${f(so.outbound.wireKbps)} kbps up ` +
        `(microphone${so.micMaxBitrate ? ` capped at ${so.micMaxBitrate / 1000} kbps` : ''}).`,
      '',
    );
  return lines.join('\n');
}

export async function writeSfuReport(r: SfuReport, outDir: string): Promise<{ md: string; files: string[] }> {
  const md = renderSfuMarkdown(r);
  const stem = path.join(outDir, `sfu-${r.date.slice(0, 10)}`);
  await writeFile(`${stem}.md`, md);
  // Formatted as the repo's Prettier config would, so `prettier --check` stays clean when results are committed.
  const options = (await prettier.resolveConfig(`${stem}.json`)) ?? {};
  await writeFile(`${stem}.json`, await prettier.format(JSON.stringify(r), { ...options, parser: 'json' }));
  return { md, files: [`${stem}.md`, `${stem}.json`] };
}
