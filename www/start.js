// Starts the page, once www/boot.js has found that this browser can (issue 19). A module, so that
// index.html needs no inline script: the Content-Security-Policy there allows scripts only from the
// page's own origin, and Trunk's default loader is an inline <script type="module">. No top-level
// await and nothing newer than ES2020 (dynamic import), which Chromium 80 and Firefox 74 read.
//
// Trunk writes the hashed file names of the wasm-bindgen glue and the wasm into
// <meta name="kaoping-app"> (`pattern_script` in Trunk.toml); this module loads the glue and starts
// the wasm, whose `main` renders the app and removes the loading line. When that fails, boot.js says
// why in the loading line.

const boot = window.kaopingBoot;
if (!boot || boot.mayStart()) {
  const app = document.querySelector('meta[name="kaoping-app"]');
  import(new URL(app.dataset.js, document.baseURI).href)
    .then((glue) => glue.default({ module_or_path: new URL(app.dataset.wasm, document.baseURI) }))
    .then(
      () => boot && boot.started(),
      (error) => {
        if (boot) boot.failed(error);
        else throw error;
      },
    );
}
