// Starts the page, once www/boot.js has found that this browser can (issue 19). A module, so that
// index.html needs no inline script: the Content-Security-Policy there allows scripts only from the
// page's own origin, and Trunk's default loader is an inline <script type="module">. No top-level
// await and nothing newer than ES2020 (dynamic import), which Chromium 80 and Firefox 74 read.
//
// Trunk writes the hashed file names of the wasm-bindgen glue and the wasm into
// <meta name="kaoping-app"> (`pattern_script` in Trunk.toml); this module loads the glue and starts
// the wasm, whose `main` renders the app and removes the loading line. When that fails, boot.js says
// why in the loading line.

// `(module (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.copy))`, valid only where the
// engine has bulk memory. Firefox before 79 (ESR 78) has none and gets the copy of the wasm with
// memory.copy/fill lowered to loops (`cargo xtask old-engines`), which is slower, so only there.
const BULK_MEMORY = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11]);

const boot = window.kaopingBoot;
if (!boot || boot.mayStart()) {
  const app = document.querySelector('meta[name="kaoping-app"]');
  const wasm = WebAssembly.validate(BULK_MEMORY) ? app.dataset.wasm : app.dataset.wasm.replace(/_bg\.wasm$/, '_bg.nobulk.wasm');
  import(new URL(app.dataset.js, document.baseURI).href)
    .then((glue) => glue.default({ module_or_path: new URL(wasm, document.baseURI) }))
    .then(
      () => boot && boot.started(),
      (error) => {
        if (boot) boot.failed(error);
        else throw error;
      },
    );
}
