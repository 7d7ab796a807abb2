// The page's guard: the first script to run, a classic script in ES5 so that any browser parses it,
// even an IE core (360安全浏览器's 兼容模式). It decides whether this browser can start the page,
// and says so in the loading line (#boot) when it cannot, naming the browser's core and what to do.
// www/start.js (a module) then starts the wasm, and reports back here when that fails.
//
// What it checks, in order (issue 19):
// 1. WebAssembly at all, and module scripts (www/start.js is one).
// 2. The WebAssembly features the build uses: the MVP plus mutable globals, sign extension and
//    non-trapping float-to-int (Chromium 75, Firefox 64). A 64-byte module is validated.
// 3. Whether this page's Content-Security-Policy lets the browser compile wasm. index.html allows
//    it with 'wasm-unsafe-eval', which Chromium learnt in 97 (Firefox before 102 does not check);
//    an older Chromium (360安全浏览器 and 奇安信 on Chromium 86) compiles wasm only under
//    'unsafe-eval', so it is sent to legacy.html, the same page under that policy (README,
//    "Deploying"). On legacy.html a refusal means the server's own header forbids it.
(function () {
  'use strict';

  var entry = document.querySelector ? document.querySelector('meta[name="kaoping-entry"]') : null;
  var onLegacyPage = !!entry && entry.getAttribute('content') === 'legacy';
  var state = { go: false, done: false };

  // The browser's engine and its version, as a user can check it in the browser's "about" page.
  function core() {
    var ua = navigator.userAgent || '';
    var m;
    if ((m = /(?:MSIE |Trident\/.*rv:)(\d+)/.exec(ua))) return 'IE ' + m[1] + ' 内核（兼容模式）';
    if ((m = /Edge\/(\d+)/.exec(ua))) return '旧版 Edge ' + m[1];
    if ((m = /(?:Chrome|Chromium|CriOS)\/(\d+)/.exec(ua))) return 'Chromium ' + m[1] + ' 内核';
    if ((m = /Firefox\/(\d+)/.exec(ua))) return 'Firefox ' + m[1];
    if ((m = /Version\/(\d+)[.\d]* .*Safari\//.exec(ua))) return 'Safari ' + m[1];
    return '';
  }

  var WHAT_TO_DO = '请在 360安全浏览器 或 奇安信可信浏览器 中切换到“极速模式”（Chromium 86 及以上内核），' +
    '或使用较新版本的 Chrome、Edge 或 Firefox（ESR 78 及以上）。';

  // Replaces the loading line with why the page cannot start and what to do (by default, a newer
  // browser core); the first reason wins. `{core}` in the reason becomes the browser's core.
  function fail(reason, error, advice) {
    if (state.done) return;
    state.done = true;
    state.go = false;
    var name = core();
    var text = '考评测算器无法启动：' + reason.replace('{core}', name ? '（' + name + '）' : '') +
      (advice === undefined ? WHAT_TO_DO : advice);
    function show() {
      var line = document.getElementById('boot');
      if (!line) return false;
      line.className = 'boot boot-failed';
      line.removeAttribute('inert');
      line.removeAttribute('aria-busy');
      line.setAttribute('role', 'alert');
      line.textContent = text;
      return true;
    }
    // This script is deferred, so the line is there; an old IE core may run a deferred script
    // before the document is whole, and then it is told once the page has loaded.
    if (!show()) {
      if (window.addEventListener) window.addEventListener('load', show);
      else if (window.attachEvent) window.attachEvent('onload', show);
    }
    if (error && window.console && console.error) console.error(error);
  }

  // (module (global (export "g") (mut i32) (i32.const 0))
  //   (func (export "f") (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s i32.extend8_s))
  var FEATURES = [0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 125, 1, 127, 3, 2, 1, 0, 6, 6, 1, 127,
    1, 65, 0, 11, 7, 9, 2, 1, 103, 3, 0, 1, 102, 0, 0, 10, 9, 1, 7, 0, 32, 0, 252, 0, 192, 11];
  // (module): compiling it tells only whether compiling is allowed.
  var EMPTY = [0, 97, 115, 109, 1, 0, 0, 0];

  function check() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function' ||
        typeof Uint8Array === 'undefined') {
      return fail('此浏览器{core}不支持 WebAssembly，或已将其关闭。');
    }
    var script = document.createElement('script');
    if (!('noModule' in script) || typeof Promise === 'undefined') {
      return fail('此浏览器{core}版本过旧。');
    }
    try {
      if (!WebAssembly.validate(new Uint8Array(FEATURES))) {
        return fail('此浏览器{core}的 WebAssembly 版本过旧。');
      }
    } catch (error) {
      return fail('此浏览器{core}的 WebAssembly 版本过旧。', error);
    }
    try {
      new WebAssembly.Module(new Uint8Array(EMPTY));
    } catch (error) {
      if (!onLegacyPage) {
        // Chromium before 97: the same page under a policy it can compile wasm with.
        state.done = true;
        location.replace('legacy.html' + location.search + location.hash);
        return;
      }
      return fail('服务器发送的内容安全策略（Content-Security-Policy）不允许此浏览器{core}运行 WebAssembly。', error,
        '请联系管理员按部署说明为 legacy.html 设置策略，或使用较新版本的 Chrome、Edge 或 Firefox。');
    }
    state.go = true;
  }

  // ---- The first frame kept from the last time (issue 20) ----
  //
  // On a slow desk the wasm takes most of a second to start. So that the page's answer is there at
  // once, the page, when it is left with its working copy stored as it is (a reload, a closed tab),
  // asks this script to keep its first frame: the view's frame, the bank picker and the summary, as
  // HTML under KEPT, with what it is valid for. The next start shows it in place of the loading line,
  // inert, until the wasm draws the page (lib.rs removes #boot, which it then is) — only if it is
  // exactly what that start will draw: the same build, no link in the address, every other entry of
  // localStorage as it was (a fingerprint of them all), and the working copy the one the page will
  // start from (kaoping_app::store::start): this tab's own after a reload, else, in a new tab, the
  // copy of the tab closed last if it has unsaved changes, or, when that tab was the only one left
  // and had none, the scenario it had open, which the page then opens again. Anything else, or any
  // error, and the loading line stays.
  var KEPT = 'kaoping/first-frame';
  // Left out of the kept frame: what the page draws only later, and what is not needed at once.
  var LEFT_OUT = '.print-only, #announcer, .notice-slot > *, .dialog-slot > *, .bank-form > *, .skip-links, ' +
    '#tools > *, #summary-details > .milestones, #summary-details > .averages-used';
  // Boxes kept as high as they were.
  var SPACED = '#tools, #summary-details';
  var TAB_ID = 'kaoping/tab-id';

  function build() {
    var app = document.querySelector('meta[name="kaoping-app"]');
    return app ? app.getAttribute('data-wasm') : null;
  }

  // Two 32-bit hashes (cyrb53's mixing) of every entry of localStorage but KEPT, keys in order.
  function fingerprint() {
    var keys = [], i, j, text, c, h1 = 0xdeadbeef, h2 = 0x41c6ce57, length = 0;
    for (i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i) !== KEPT) keys.push(localStorage.key(i));
    }
    keys.sort();
    for (i = 0; i < keys.length; i++) {
      text = keys[i] + '\u0000' + localStorage.getItem(keys[i]) + '\u0001';
      length += text.length;
      for (j = 0; j < text.length; j++) {
        c = text.charCodeAt(j);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h1 >>> 0).toString(36) + '.' + (h2 >>> 0).toString(36) + '.' + length;
  }

  function json(key) {
    var text = localStorage.getItem(key);
    return text === null ? null : JSON.parse(text);
  }

  // Whether a new tab starts from tab `tab`'s working copy (kaoping_app::store::start, own = false).
  function takenUp(tab) {
    var released = json('kaoping/released') || [];
    var copy = json('kaoping/tab/' + tab);
    if (localStorage.getItem('kaoping/working') !== null || released[released.length - 1] !== tab || !copy) {
      return false;
    }
    if (copy.modified === true) return true;
    // Unchanged: the copy is dropped and the scenario last opened opens; the same one only if the
    // copy was the only one left, of that scenario as saved (its stamp), or of none saved at all.
    var last = localStorage.getItem('kaoping/last');
    try { last = JSON.parse(last); } catch (error) { /* stored as it is */ }
    var opened = typeof last === 'string' && localStorage.getItem('kaoping/named/' + last) !== null ? last : null;
    return released.length === 1 && copy.modified === false && (copy.name || null) === opened &&
      (opened === null || localStorage.getItem('kaoping/rev/' + opened) === (copy.base || null));
  }

  function showKept() {
    try {
      var kept = json(KEPT);
      var own = sessionStorage.getItem(TAB_ID);
      var line = document.getElementById('boot');
      if (!kept || !line || location.hash || kept.build !== build() || kept.key !== fingerprint() ||
          (own ? own !== kept.tab : !takenUp(kept.tab))) {
        return;
      }
      var holder = document.createElement('div');
      holder.innerHTML = kept.html;
      var frame = holder.firstChild;
      frame.id = 'boot';
      frame.setAttribute('inert', '');
      frame.setAttribute('aria-busy', 'true');
      line.parentNode.replaceChild(frame, line);
    } catch (error) { /* the loading line stays */ }
  }

  // Called by the page (services/storage.rs) as it is left with its working copy stored.
  function keep() {
    try {
      localStorage.removeItem(KEPT);
      var app = document.querySelector('.app.tab-bank');
      var tab = sessionStorage.getItem(TAB_ID);
      if (!app || !tab || location.hash) return;
      var frame = app.cloneNode(true);
      var i, parts, boxes, lists, copies;
      // Only what the eye needs first, so that drawing it delays the page little: the toolbar's
      // buttons, the loan task's milestones and the averages used are left out, in boxes as high as
      // they were, so that nothing moves when the page is drawn.
      boxes = app.querySelectorAll(SPACED);
      parts = frame.querySelectorAll(SPACED);
      for (i = 0; i < parts.length && i < boxes.length; i++) {
        if (boxes[i].offsetHeight) parts[i].style.minHeight = boxes[i].getBoundingClientRect().height + 'px';
      }
      // The summary's details start folded on a phone (components/summary.rs), whatever they were.
      var summary = frame.querySelector('#summary'), toggle = frame.querySelector('#summary-toggle');
      if (summary) summary.className = summary.className.replace(/(^|\s)expanded(?=\s|$)/, '');
      if (toggle) {
        toggle.setAttribute('aria-expanded', 'false');
        if (toggle.querySelector('.toggle-label')) toggle.querySelector('.toggle-label').textContent = '展开详情';
      }
      parts = frame.querySelectorAll(LEFT_OUT);
      for (i = 0; i < parts.length; i++) parts[i].parentNode.removeChild(parts[i]);
      // A list's choice is the page's, not the HTML's.
      lists = app.querySelectorAll('select');
      copies = frame.querySelectorAll('select');
      for (i = 0; i < lists.length && i < copies.length; i++) {
        if (copies[i].options[lists[i].selectedIndex]) copies[i].options[lists[i].selectedIndex].setAttribute('selected', '');
      }
      localStorage.setItem(KEPT, JSON.stringify({ build: build(), tab: tab, key: fingerprint(), html: frame.outerHTML }));
    } catch (error) {
      try { localStorage.removeItem(KEPT); } catch (ignored) { /* nothing kept */ }
    }
  }

  // www/start.js asks whether it may start, and reports how it went.
  window.kaopingBoot = {
    keep: keep,
    mayStart: function () { return state.go; },
    started: function () { state.done = true; },
    failed: function (error) {
      fail('页面的程序文件未能在此浏览器{core}中加载或运行。', error,
        '请刷新页面；若仍如此，请确认 dist/ 的全部文件已一起部署，或' + WHAT_TO_DO.replace('请', ''));
    }
  };

  // A module script that this browser cannot parse or fetch never reaches its own catch: its error
  // comes here (a script's load error does not bubble, hence the capture).
  if (window.addEventListener) {
    window.addEventListener('error', function (event) {
      var target = event && event.target;
      var isScript = target && target.tagName === 'SCRIPT';
      if (!state.done && (isScript || (event && event.error))) {
        window.kaopingBoot.failed(event.error || new Error('script failed to load: ' + target.src));
      }
    }, true);
  }

  check();
  if (state.go) showKept();
})();
