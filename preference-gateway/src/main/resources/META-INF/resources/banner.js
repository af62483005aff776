/*
 * consentline banner.js: a dependency-free cookie banner.
 *
 *   <script src="https://<gateway>/banner.js" data-site="shop-eu" async></script>
 *
 * Optional attributes: data-gateway (default: where this script came from), data-language (default: <html lang>,
 * then the browser's language). It shows the site's categories in the page's language with "Accept all" and
 * "Reject all" of equal prominence and per-category toggles, posts the choice to the gateway, remembers it in a
 * first-party cookie (format: see preference-gateway/README.md, "The banner cookie"), asks again when the policy
 * version changes or the choice expires, and can be reopened (consentline.open()) to change or withdraw it.
 *
 * The page sees the choice through window.consentline.getChoice() and the DOM event "consentline:choice" on
 * document; Google Consent Mode v2 signals are sent with gtag('consent', ...).
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-site][src*="banner.js"]');
  if (!script || window.consentline) { return; }
  var siteId = script.getAttribute('data-site');
  var gateway = script.getAttribute('data-gateway') || new URL(script.src, location.href).origin;
  var cookieName = 'consentline_' + siteId;
  var TEXT = {
    en: { title: 'Your privacy choices', intro: 'We use cookies and similar technologies. Strictly necessary ones are always on; the others only with your consent. You can change or withdraw your choice at any time.', acceptAll: 'Accept all', rejectAll: 'Reject all', save: 'Save choices', policy: 'Privacy policy', settings: 'Privacy settings', alwaysOn: 'Always on' },
    de: { title: 'Ihre Datenschutz-Einstellungen', intro: 'Wir verwenden Cookies und ähnliche Technologien. Unbedingt erforderliche sind immer aktiv, alle anderen nur mit Ihrer Einwilligung. Sie können Ihre Wahl jederzeit ändern oder widerrufen.', acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen', save: 'Auswahl speichern', policy: 'Datenschutzerklärung', settings: 'Datenschutz-Einstellungen', alwaysOn: 'Immer aktiv' },
    fr: { title: 'Vos choix de confidentialité', intro: 'Nous utilisons des cookies et des technologies similaires. Ceux strictement nécessaires sont toujours actifs ; les autres uniquement avec votre consentement. Vous pouvez modifier ou retirer votre choix à tout moment.', acceptAll: 'Tout accepter', rejectAll: 'Tout refuser', save: 'Enregistrer mes choix', policy: 'Politique de confidentialité', settings: 'Paramètres de confidentialité', alwaysOn: 'Toujours actif' },
    es: { title: 'Sus opciones de privacidad', intro: 'Usamos cookies y tecnologías similares. Las estrictamente necesarias están siempre activas; las demás solo con su consentimiento. Puede cambiar o retirar su elección en cualquier momento.', acceptAll: 'Aceptar todo', rejectAll: 'Rechazar todo', save: 'Guardar selección', policy: 'Política de privacidad', settings: 'Ajustes de privacidad', alwaysOn: 'Siempre activo' }
  };
  var config = null;
  var choice = null;
  var visitorId = null;
  var listeners = [];
  var root = null;

  window.dataLayer = window.dataLayer || [];
  function gtag() { window.dataLayer.push(arguments); }
  var consentGtag = typeof window.gtag === 'function' ? window.gtag : gtag;

  function language() {
    var wanted = (script.getAttribute('data-language') || document.documentElement.lang || navigator.language || 'en');
    var available = {};
    (config ? config.categories : []).forEach(function (c) { Object.keys(c.descriptions || {}).forEach(function (l) { available[l] = true; }); });
    if (available[wanted]) { return wanted; }
    var primary = wanted.split('-')[0].toLowerCase();
    if (available[primary] || TEXT[primary]) { return primary; }
    return available.en || !Object.keys(available).length ? 'en' : Object.keys(available)[0];
  }
  function text(key) { var l = language().split('-')[0]; return (TEXT[l] || TEXT.en)[key]; }
  function describe(category) {
    var d = category.descriptions || {}, l = language();
    return d[l] || d[l.split('-')[0]] || d.en || d[Object.keys(d)[0]] || category.id;
  }
  function optional() { return config.categories.filter(function (c) { return !c.required; }); }

  /* The cookie: 1|visitorId|policyVersion|savedAt|granted.ids|denied.ids|receiptId ("-": not yet recorded). */
  function readCookie() {
    var match = document.cookie.split('; ').filter(function (c) { return c.indexOf(cookieName + '=') === 0; })[0];
    if (!match) { return null; }
    var f = match.substring(cookieName.length + 1).split('|');
    if (f.length !== 7 || f[0] !== '1') { return null; }
    return { visitorId: f[1], policyVersion: f[2], savedAt: parseInt(f[3], 10), granted: f[4] ? f[4].split('.') : [],
      denied: f[5] ? f[5].split('.') : [], receiptId: f[6] === '-' ? null : f[6] };
  }
  function writeCookie(c) {
    var value = ['1', c.visitorId, c.policyVersion, c.savedAt, c.granted.join('.'), c.denied.join('.'), c.receiptId || '-'].join('|');
    document.cookie = cookieName + '=' + value + '; Path=/; Max-Age=' + (config.consentLifetimeDays * 86400)
      + '; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }
  function newVisitorId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'v_' + btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function consentMode(granted) {
    var signals = { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
      functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'granted' };
    config.categories.forEach(function (c) {
      if (c.required || granted.indexOf(c.id) >= 0) {
        c.consentModeSignals.forEach(function (s) { signals[s] = 'granted'; });
      }
    });
    // a signal may stand for several categories: it is granted only if every one of them is
    config.categories.forEach(function (c) {
      if (!c.required && granted.indexOf(c.id) < 0) { c.consentModeSignals.forEach(function (s) { signals[s] = 'denied'; }); }
    });
    return signals;
  }
  function publish() {
    var detail = api.getChoice();
    consentGtag('consent', 'update', detail.consentMode);
    document.dispatchEvent(new CustomEvent('consentline:choice', { detail: detail }));
    listeners.forEach(function (l) { try { l(detail); } catch (e) { /* a listener's failure is the page's */ } });
  }

  function save(granted, denied) {
    choice = { visitorId: visitorId, policyVersion: config.policyVersion,
      savedAt: Math.floor(Date.now() / 1000), granted: granted, denied: denied, receiptId: null };
    // the choice applies at once, even before the gateway has recorded it: a refusal must never wait
    writeCookie(choice);
    close();
    publish();
    return record();
  }
  function record() {
    var posted = choice;
    return fetch(gateway + '/v1/choices', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteId: siteId, visitorId: posted.visitorId, policyVersion: posted.policyVersion,
        language: language(), granted: posted.granted, denied: posted.denied }) })
      .then(function (response) {
        if (response.status === 409) { return load().then(function () { open(); }); }
        if (response.status !== 202) { return; }
        return response.json().then(function (receipt) {
          if (choice !== posted) { return; }
          choice.receiptId = receipt.receiptId;
          choice.granted = receipt.granted;
          choice.denied = receipt.denied;
          writeCookie(choice);
          publish();
        });
      })
      .catch(function () { /* not recorded: the cookie says so ("-") and the next page view posts it again */ });
  }

  function close() { if (root) { root.remove(); root = null; } }
  function button(label, action, name) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('data-consentline', name);
    // equal prominence: every answer looks the same (EDPB Guidelines 03/2022 on deceptive design patterns)
    b.style.cssText = 'margin:4px;padding:8px 16px;border:1px solid #1d3557;border-radius:4px;background:#1d3557;color:#fff;font:inherit;cursor:pointer';
    b.addEventListener('click', action);
    return b;
  }
  function open() {
    close();
    var granted = choice ? choice.granted : [];
    root = document.createElement('div');
    root.setAttribute('data-consentline', 'banner');
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-label', text('title'));
    root.lang = language();
    root.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:#fff;color:#111;border-top:2px solid #1d3557;padding:16px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 -2px 12px rgba(0,0,0,.2)';
    var title = document.createElement('strong');
    title.textContent = text('title');
    var intro = document.createElement('p');
    intro.textContent = text('intro') + ' ';
    if (config.policyUrl) {
      var link = document.createElement('a');
      link.href = config.policyUrl;
      link.textContent = text('policy') + ' (' + config.policyVersion + ')';
      intro.appendChild(link);
    }
    // every category is shown with its toggle on the first layer; optional ones start unticked (no pre-ticked boxes:
    // CJEU C-673/17 Planet49) or as the visitor last chose
    var list = document.createElement('div');
    list.setAttribute('data-consentline', 'categories');
    config.categories.forEach(function (c) {
      var label = document.createElement('label');
      label.style.cssText = 'display:block;margin:4px 0';
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.value = c.id;
      box.setAttribute('data-consentline-category', c.id);
      box.checked = c.required || granted.indexOf(c.id) >= 0;
      box.disabled = c.required;
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + describe(c) + (c.required ? ' (' + text('alwaysOn') + ')' : '')));
      list.appendChild(label);
    });
    var ids = optional().map(function (c) { return c.id; });
    var actions = document.createElement('div');
    actions.appendChild(button(text('acceptAll'), function () { save(ids, []); }, 'accept-all'));
    actions.appendChild(button(text('rejectAll'), function () { save([], ids); }, 'reject-all'));
    actions.appendChild(button(text('save'), function () {
      var boxes = list.querySelectorAll('input[data-consentline-category]:not([disabled])');
      var yes = [], no = [];
      Array.prototype.forEach.call(boxes, function (b) { (b.checked ? yes : no).push(b.value); });
      save(yes, no);
    }, 'save'));
    root.appendChild(title);
    root.appendChild(intro);
    root.appendChild(list);
    root.appendChild(actions);
    document.body.appendChild(root);
  }
  function reopenLink() {
    var link = document.createElement('button');
    link.type = 'button';
    link.textContent = text('settings');
    link.setAttribute('data-consentline', 'reopen');
    link.style.cssText = 'position:fixed;left:8px;bottom:8px;z-index:2147483646;padding:4px 8px;font:12px system-ui,sans-serif;background:#fff;border:1px solid #1d3557;border-radius:4px;cursor:pointer';
    link.addEventListener('click', open);
    document.body.appendChild(link);
  }

  function load() {
    return fetch(gateway + '/v1/sites/' + encodeURIComponent(siteId) + '/banner')
      .then(function (r) { if (!r.ok) { throw new Error('site ' + siteId + ': ' + r.status); } return r.json(); })
      .then(function (c) { config = c; });
  }

  var api = {
    /** The current choice (null before the visitor answered) with its Google Consent Mode signals. */
    getChoice: function () {
      if (!choice || !config) { return null; }
      return { siteId: siteId, visitorId: choice.visitorId, policyVersion: choice.policyVersion, granted: choice.granted.slice(),
        denied: choice.denied.slice(), receiptId: choice.receiptId, consentMode: consentMode(choice.granted) };
    },
    /** Whether the visitor granted a category (strictly necessary ones always are). */
    isGranted: function (categoryId) {
      var c = config && config.categories.filter(function (x) { return x.id === categoryId; })[0];
      return !!c && (c.required || (!!choice && choice.granted.indexOf(categoryId) >= 0));
    },
    /** Reopens the banner, to change or withdraw the choice. */
    open: function () { if (config) { open(); } },
    /** Calls back with every choice from now on (and at once if there is one). */
    onChange: function (listener) { listeners.push(listener); if (api.getChoice()) { listener(api.getChoice()); } }
  };
  window.consentline = api;

  consentGtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
    analytics_storage: 'denied', functionality_storage: 'denied', personalization_storage: 'denied',
    security_storage: 'granted', wait_for_update: 500 });

  function start() {
    load().then(function () {
      var stored = readCookie();
      var fresh = stored && stored.policyVersion === config.policyVersion
        && (Date.now() / 1000 - stored.savedAt) < config.consentLifetimeDays * 86400;
      // the same browser keeps its visitor id, also when it is asked again
      visitorId = stored ? stored.visitorId : newVisitorId();
      reopenLink();
      if (fresh) {
        choice = stored;
        publish();
        if (!stored.receiptId) { record(); }
      } else {
        // never asked, a new policy version, or an expired choice: ask
        open();
      }
    }).catch(function (e) { if (window.console) { console.warn('consentline banner:', e.message); } });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
