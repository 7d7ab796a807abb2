// Starts the page. This file exists so that index.html needs no inline script: the
// Content-Security-Policy there allows scripts only from the page's own origin, and Trunk's default
// loader is an inline <script type="module">.
//
// Trunk writes the hashed file names of the wasm-bindgen glue and the wasm into
// <meta name="kaoping-app"> (`pattern_script` in Trunk.toml); this module loads the glue and starts
// the wasm, whose `main` renders the app and removes the loading message. If the wasm cannot start
// (a browser too old for 'wasm-unsafe-eval', WebAssembly switched off), the message says so instead
// of promising a page that never comes.

const app = document.querySelector('meta[name="kaoping-app"]');
try {
  const glue = await import(new URL(app.dataset.js, document.baseURI).href);
  await glue.default({ module_or_path: new URL(app.dataset.wasm, document.baseURI) });
} catch (error) {
  const boot = document.getElementById('boot');
  if (boot) {
    boot.textContent = '考评测算器无法启动：此浏览器不支持或禁止了 WebAssembly。请使用较新版本的 Chrome、Edge 或 Firefox。';
  }
  throw error;
}
