// Where the page's time goes, by function: Chromium's sampling CPU profiler (CDP `Profiler`) over
// keystrokes or a first load, with the self time of each function summed. Against a build whose
// wasm keeps its name section (`cargo xtask bench` makes one, target/bench-profile/dist/), the wasm
// functions are named (`kaoping_engine::evaluate::evaluate`, `yew::…`); against the shipped build
// they are only numbered.

/** Runs `work` under the sampling profiler (one sample every `intervalUs` µs); resolves to the profile. */
export async function profile(cdp, work, intervalUs = 100) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  const done = await work().then(() => null, (error) => error);
  const { profile: taken } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  if (done) throw done;
  return taken;
}

/** The kind of a profiled function: the engine, the rest of the wasm, the page's JS, or the browser. */
export function kindOf(frame) {
  const name = frame.functionName;
  if (name === '(program)') return 'browser (style, layout, paint, events)';
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(idle)' || name === '(root)') return 'idle';
  if (frame.url.startsWith('wasm://') || frame.url.endsWith('.wasm')) {
    return /kaoping_engine|rust_decimal/.test(name) ? 'wasm: engine (kaoping_engine, rust_decimal)' : 'wasm: page (Yew, glue, std)';
  }
  return 'JS (wasm-bindgen glue, boot)';
}

/** A readable name: the wasm's Rust path without its hash, or a JS function with its file. */
function nameOf(frame) {
  const name = frame.functionName.replace(/^\$/, '').replace(/::h[0-9a-f]{16}$/, '');
  if (frame.url.startsWith('wasm://') || frame.url.endsWith('.wasm') || name.startsWith('(')) return name || '(anonymous)';
  const file = frame.url.split('/').pop().replace(/-[0-9a-f]{16}(?=\.js$)/, '');
  return `${name || '(anonymous)'} (${file})`;
}

/**
 * Self time by function and by kind, in milliseconds per `per` (e.g. per keystroke): each sample's
 * time (until the next sample) goes to the function on top of the stack.
 */
export function selfTimes(taken, per = 1) {
  const nodes = new Map(taken.nodes.map((node) => [node.id, node]));
  const byName = new Map();
  const byKind = new Map();
  let at = taken.startTime;
  const times = taken.timeDeltas.map((delta) => (at += delta));
  for (let i = 0; i < taken.samples.length; i++) {
    const next = i + 1 < times.length ? times[i + 1] : taken.endTime;
    const ms = (next - times[i]) / 1000 / per;
    const frame = nodes.get(taken.samples[i]).callFrame;
    const kind = kindOf(frame);
    byKind.set(kind, (byKind.get(kind) ?? 0) + ms);
    if (kind === 'idle') continue;
    const name = nameOf(frame);
    const entry = byName.get(name) ?? { name, kind, ms: 0 };
    entry.ms += ms;
    byName.set(name, entry);
  }
  const busy = [...byKind].filter(([kind]) => kind !== 'idle').reduce((sum, [, ms]) => sum + ms, 0);
  return {
    busy_ms: busy,
    kinds: [...byKind].map(([kind, ms]) => ({ kind, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...byName.values()].sort((a, b) => b.ms - a.ms),
  };
}
