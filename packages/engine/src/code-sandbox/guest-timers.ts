/**
 * `setTimeout`, `setInterval`, `clearTimeout` and `clearInterval` for a Code
 * run, as source text evaluated inside QuickJS when the code names one. It
 * evaluates to an installer taking the global object and the most timers that
 * may be pending; the installer returns `{ next, fire }`, which only the
 * runner holds:
 *
 * - `next()`: milliseconds until the earliest pending timer, or -1 when none is;
 * - `fire()`: runs that timer (the run's time moves on to when it was due).
 *
 * The timers keep no time of their own: the runner asks the host to wait
 * `next()` on the engine's clock, then calls `fire()`, so a simulated clock
 * drives them and the waiting costs the worker nothing. Delays are read as
 * Node reads them: a number of milliseconds, anything below 1 or above
 * 2^31 - 1 (or not a number) being 1. Timers due at the same time fire in the
 * order they were set. A callback that throws fails the run, with its error.
 */
export const GUEST_TIMERS = String.raw`(function (g, maxPending) {
  'use strict';
  var timers = [];
  var now = 0;
  var nextId = 1;
  var slice = Array.prototype.slice;
  function delayOf(ms) {
    var d = Number(ms);
    return d >= 1 && d <= 2147483647 ? Math.floor(d) : 1;
  }
  function add(name, fn, ms, args, repeat) {
    if (typeof fn !== 'function') {
      throw new TypeError(
        name + ' needs a function to call, got ' + (fn === null ? 'null' : typeof fn) +
          (typeof fn === 'string' ? ' (code given as a string is not run)' : ''),
      );
    }
    if (timers.length >= maxPending) {
      throw new RangeError(
        name + ': ' + maxPending + ' timers are already pending, the most a Code node may have; clear the ones it no longer needs',
      );
    }
    var delay = delayOf(ms);
    var timer = { id: nextId++, due: now + delay, fn: fn, args: args, every: repeat ? delay : 0 };
    timers.push(timer);
    return timer.id;
  }
  function clear(id) {
    for (var i = 0; i < timers.length; i++) {
      if (timers[i].id === id) {
        timers.splice(i, 1);
        return;
      }
    }
  }
  function earliest() {
    var best = -1;
    for (var i = 0; i < timers.length; i++) {
      var t = timers[i];
      if (best < 0 || t.due < timers[best].due || (t.due === timers[best].due && t.id < timers[best].id)) best = i;
    }
    return best;
  }
  g.setTimeout = function setTimeout(fn, ms) {
    return add('setTimeout', fn, ms, slice.call(arguments, 2), false);
  };
  g.setInterval = function setInterval(fn, ms) {
    return add('setInterval', fn, ms, slice.call(arguments, 2), true);
  };
  g.clearTimeout = function clearTimeout(id) {
    clear(id);
  };
  g.clearInterval = function clearInterval(id) {
    clear(id);
  };
  return {
    next: function () {
      var i = earliest();
      return i < 0 ? -1 : timers[i].due - now;
    },
    fire: function () {
      var i = earliest();
      if (i < 0) return;
      var timer = timers[i];
      now = timer.due;
      if (timer.every) timer.due = now + timer.every;
      else timers.splice(i, 1);
      timer.fn.apply(undefined, timer.args);
    },
  };
})`;

/** Names that make a Code run install the timers. */
export const TIMER_NAMES = /\b(?:setTimeout|setInterval|clearTimeout|clearInterval)\b/;
