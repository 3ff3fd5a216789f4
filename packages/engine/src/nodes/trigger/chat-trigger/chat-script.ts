/**
 * The script of the hosted chat page. It is static (the page carries its
 * data in the markup), so the page's Content-Security-Policy allows it by
 * its hash. It keeps a session id per tab, posts each message as
 * `{ action, sessionId, chatInput }` to the page's own address, and writes
 * answers with `textContent`, never as HTML.
 */
export const CHAT_SCRIPT = `
(function () {
  'use strict';
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('message');
  var button = form.querySelector('button');
  var key = 'flowloom-chat-session:' + location.pathname;
  var sessionId = null;
  try { sessionId = sessionStorage.getItem(key); } catch (e) {}
  if (!sessionId) {
    sessionId = window.crypto && crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2);
    try { sessionStorage.setItem(key, sessionId); } catch (e) {}
  }
  function add(role, text) {
    var item = document.createElement('li');
    item.className = 'message ' + role;
    item.textContent = text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }
  function answerOf(body) {
    if (Array.isArray(body)) body = body[0];
    if (typeof body === 'string') return body;
    if (body && typeof body === 'object') {
      var value = body.output !== undefined ? body.output : body.text !== undefined ? body.text : body.message;
      if (typeof value === 'string') return value;
      if (value !== undefined) return JSON.stringify(value);
    }
    return JSON.stringify(body);
  }
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
    }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || button.disabled) return;
    input.value = '';
    add('user', text);
    var reply = add('bot', '\\u2026');
    reply.setAttribute('aria-busy', 'true');
    button.disabled = true;
    fetch(location.pathname + location.search, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ action: 'sendMessage', sessionId: sessionId, chatInput: text })
    }).then(function (response) {
      return response.text().then(function (raw) {
        var body;
        try { body = JSON.parse(raw); } catch (e) { body = raw; }
        if (response.ok) return answerOf(body);
        var said = response.status < 500 && body && body.error && body.error.message;
        throw new Error(said || 'Sorry, no answer came. Please try again.');
      });
    }).then(function (answer) {
      reply.textContent = answer;
    }, function (error) {
      reply.textContent = error && error.message ? error.message : 'Sorry, no answer came. Please try again.';
      reply.classList.add('failed');
    }).then(function () {
      reply.removeAttribute('aria-busy');
      button.disabled = false;
      input.focus();
    });
  });
})();
`;

/** `sha256-…` of `CHAT_SCRIPT`, for the page's Content-Security-Policy (a test checks it). */
export const CHAT_SCRIPT_HASH = 'sha256-bTyDq4DzBoCjaZsQDV1gJBNVqhymckzd48/CsJVZR1g=';
