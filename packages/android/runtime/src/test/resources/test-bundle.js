// A hand-written Workscript bundle for the Kotlin host's tests: an ES2020 script that follows bridge protocol
// v1 (packages/api/src/guest/bridge-protocol.md) with a tiny prelude. It is not the official guest prelude.
(function () {
  'use strict';

  function call(method, args) {
    return Promise.resolve(globalThis.__host.call(method, JSON.stringify(args))).then(function (json) {
      var reply = JSON.parse(json);
      if (reply.ok === true) return reply.value === undefined ? null : reply.value;
      var err = new Error(reply.error && reply.error.message);
      err.code = reply.error && reply.error.code;
      throw err;
    });
  }

  var runs = {}; // runId -> { aborted, reason, listeners }

  /** Resolves with the signal's reason once it is aborted, also when it already is. */
  function untilAborted(signal) {
    if (signal.aborted) return Promise.resolve(signal.reason);
    return new Promise(function (resolve) {
      signal.addEventListener('abort', function () {
        resolve(signal.reason);
      });
    });
  }

  function makeSignal(runId) {
    var state = { aborted: false, reason: undefined, listeners: [] };
    runs[runId] = state;
    return {
      get aborted() {
        return state.aborted;
      },
      get reason() {
        return state.reason;
      },
      addEventListener: function (type, fn) {
        if (type === 'abort') state.listeners.push(fn);
      },
    };
  }

  function sleep(runId, ms) {
    return call('timer.sleep', { runId: runId, ms: ms });
  }

  var workers = {
    Echo: async function (input, ctx) {
      return ctx.success({
        echo: input,
        id: ctx.id,
        tags: ctx.tags,
        attempt: ctx.runAttemptCount,
        generation: ctx.generation,
      });
    },
    // The contextJson as the host sent it, without the random runId: pins the host's side of the format.
    Context: async function (input, ctx) {
      var sent = JSON.parse(ctx.contextJson);
      delete sent.runId;
      return ctx.success(sent);
    },
    Retry: async function (input, ctx) {
      return ctx.retry();
    },
    FailWithOutput: async function (input, ctx) {
      return ctx.failure({ reason: 'bad input', code: 42 });
    },
    Throws: async function () {
      throw new TypeError('boom from the worker');
    },
    Progress: async function (input, ctx) {
      for (var p of [10, 50, 100]) await ctx.setProgress({ percent: p });
      return ctx.success({ done: true });
    },
    Storage: async function (input, ctx) {
      await ctx.storage.set('a:1', 'one');
      await ctx.storage.set('a:2', 'two');
      await ctx.storage.set('b:1', 'three');
      var first = await ctx.storage.get('a:1');
      var keys = await ctx.storage.keys('a:');
      await ctx.storage.delete('a:1');
      var after = await ctx.storage.get('a:1');
      var previous = await ctx.storage.get('run-count');
      await ctx.storage.set('run-count', String(Number(previous || '0') + 1));
      return ctx.success({ first: first, keys: keys, after: after, previousRuns: Number(previous || '0') });
    },
    Sleep: async function (input, ctx) {
      var start = Date.now();
      await new Promise(function (resolve) {
        setTimeout(resolve, input.ms);
      });
      return ctx.success({ sleptAtLeast: Date.now() - start });
    },
    WaitForStop: async function (input, ctx) {
      await ctx.log('info', 'waiting for stop');
      // The stop may come while the log call is pending: the signal is then aborted already, and a listener
      // added now would never fire (as with any AbortSignal).
      var reason = await untilAborted(ctx.signal);
      await ctx.log('info', 'aborted', { reason: reason });
      return ctx.success({ abortedWith: reason });
    },
    WaitForStopQuietly: async function (input, ctx) {
      // Like WaitForStop, but no host call before the stop: only ctx.signal keeps the run open.
      var reason = await untilAborted(ctx.signal);
      await ctx.log('info', 'aborted quietly', { reason: reason });
      return ctx.success({ abortedWith: reason });
    },
    IgnoreStop: async function (input, ctx) {
      await ctx.log('info', 'ignoring stops');
      for (;;) {} // never yields: only an engine interrupt ends it
    },
    SpinAfterAwait: async function (input, ctx) {
      await sleep(ctx.runId, 1);
      for (;;) {}
    },
    Spin: function () {
      for (;;) {}
    },
    MemoryBomb: async function () {
      var hoard = [];
      for (var i = 0; ; i++) hoard.push(new Array(10000).fill(i));
    },
    DeepRecursion: async function (input, ctx) {
      function down(n) {
        return n === 0 ? 0 : 1 + down(n - 1);
      }
      try {
        return ctx.success({ depth: down(input.depth) });
      } catch (e) {
        return ctx.failure({ caught: e.name + ': ' + e.message });
      }
    },
    Fetch: async function (input, ctx) {
      var r = await ctx.fetch(input.url, {
        method: input.method || 'GET',
        body: input.body || null,
        headers: { 'x-test': 'yes' },
      });
      return ctx.success({ status: r.status, body: r.body, contentType: r.headers['content-type'] || null });
    },
    Native: async function (input, ctx) {
      var photo = await call('native.Camera.takePhoto', { runId: ctx.runId, args: [input.quality, 'back'] });
      try {
        await call('native.Camera.missing', { runId: ctx.runId, args: [] });
      } catch (e) {
        return ctx.success({ photo: photo, missing: e.code });
      }
      return ctx.failure({});
    },
    Unknown: async function (input, ctx) {
      try {
        await call('no.such.method', { runId: ctx.runId });
      } catch (e) {
        return ctx.success({ code: e.code });
      }
      return ctx.failure({});
    },
    Interval: async function (input, ctx) {
      setInterval(function () {}, 5); // left running: the host must not wait for it
      return ctx.success({});
    },
    Globals: async function (input, ctx) {
      // Whether an earlier run's global is visible (never: one engine per run), and the engine's thread.
      var seen = typeof globalThis.__leftByAnEarlierRun !== 'undefined';
      globalThis.__leftByAnEarlierRun = true;
      var thread = await call('native.Probe.thread', { runId: ctx.runId, args: [] });
      return ctx.success({ seen: seen, thread: thread });
    },
    BusyAfterResult: async function (input, ctx) {
      // Keeps the engine busy after the run settled: the chain outlasts the host's own settle chain.
      var p = Promise.resolve();
      for (var i = 0; i < 50; i++) p = p.then(function () {});
      p.then(function () {
        for (;;) {}
      });
      return ctx.success({ done: true });
    },
  };

  function runWorker(name, inputJson, contextJson) {
    var run = JSON.parse(contextJson);
    var fn = workers[name];
    if (!fn) {
      var err = new Error(
        "Unknown worker '" + name + "'; known workers: " + Object.keys(workers).sort().join(', '),
      );
      err.name = 'UnknownWorkerError';
      return Promise.reject(err);
    }
    var input = JSON.parse(inputJson);
    var ctx = {
      id: run.id,
      tags: run.tags,
      runAttemptCount: run.runAttemptCount,
      generation: run.generation,
      runId: run.runId,
      contextJson: contextJson,
      signal: makeSignal(run.runId),
      success: function (output) {
        return { status: 'success', output: output || {} };
      },
      failure: function (output) {
        return { status: 'failure', output: output || {} };
      },
      retry: function () {
        return { status: 'retry' };
      },
      setProgress: function (progress) {
        return call('progress.set', { runId: run.runId, progress: progress });
      },
      log: function (level, message, fields) {
        return call('log', { runId: run.runId, level: level, message: message, fields: fields || {} });
      },
      fetch: function (url, init) {
        init = init || {};
        return call('fetch', {
          runId: run.runId,
          url: url,
          method: init.method || 'GET',
          headers: init.headers || {},
          body: init.body || null,
          timeoutMs: null,
        });
      },
      storage: {
        get: function (key) {
          return call('storage.get', { key: key });
        },
        set: function (key, value) {
          return call('storage.set', { key: key, value: value });
        },
        delete: function (key) {
          return call('storage.delete', { key: key });
        },
        keys: function (prefix) {
          return call('storage.keys', { prefix: prefix === undefined ? null : prefix });
        },
      },
    };
    return Promise.resolve().then(function () {
      return fn(input, ctx);
    });
  }

  globalThis.setTimeout = function (fn, ms) {
    sleep(null, ms).then(
      function () {
        fn();
      },
      function () {},
    );
    return 0;
  };
  globalThis.setInterval = function (fn, ms) {
    (function tick() {
      sleep(null, ms).then(
        function () {
          fn();
          tick();
        },
        function () {},
      );
    })();
    return 0;
  };

  // Input mergers work on tagged Data JSON objects directly (no Data class here): { key: [type, value] }.
  var mergers = {
    // Later inputs overwrite earlier keys, every value kept exactly as it arrived.
    Overwrite: function (inputs) {
      var out = {};
      inputs.forEach(function (input) {
        Object.keys(input).forEach(function (key) {
          out[key] = input[key];
        });
      });
      return out;
    },
    SumCounts: function (inputs) {
      var total = 0;
      inputs.forEach(function (input) {
        if (input.count && input.count[0] === 'int') total += input.count[1];
      });
      return { count: ['int', total], inputs: ['int', inputs.length] };
    },
    Throws: function () {
      throw new TypeError('boom from the merger');
    },
    Spin: function () {
      for (;;) {}
    },
    MemoryBomb: function () {
      var hoard = [];
      for (var i = 0; ; i++) hoard.push(new Array(10000).fill(i));
    },
    Globals: function () {
      var seen = typeof globalThis.__leftByAnEarlierMerge !== 'undefined';
      globalThis.__leftByAnEarlierMerge = true;
      return { seen: ['boolean', seen] };
    },
    BusyAfterAnswer: function () {
      Promise.resolve().then(function () {
        for (;;) {}
      });
      return { done: ['boolean', true] };
    },
    BadData: function () {
      return { k: ['char', 'x'] };
    },
    TooLarge: function () {
      return { s: ['string', new Array(10301).join('x')] };
    },
  };

  // Protocol-breaking answers, for the host's checks: merge must return MergeResultJson and never throw.
  var brokenMergers = {
    ThrowsOutright: function () {
      var e = new RangeError('thrown past the protocol');
      throw e;
    },
    NotAString: function () {
      return 42;
    },
    NotJson: function () {
      return 'ok';
    },
  };

  function merge(name, inputsJson) {
    if (brokenMergers[name]) return brokenMergers[name]();
    try {
      var fn = mergers[name];
      if (!fn) {
        var err = new Error(
          "Unknown input merger '" +
            name +
            "'; known input mergers: " +
            Object.keys(mergers).sort().join(', '),
        );
        err.name = 'UnknownInputMergerError';
        throw err;
      }
      return JSON.stringify({ ok: true, data: fn(JSON.parse(inputsJson)) });
    } catch (e) {
      return JSON.stringify({
        ok: false,
        error: { name: e.name, message: e.message, stack: String(e.stack || '') },
      });
    }
  }

  globalThis.__workscript = Object.freeze({
    protocolVersion: 1,
    workers: Object.keys(workers).sort(),
    inputMergers: Object.keys(mergers).sort(),
    merge: merge,
    run: function (name, inputJson, contextJson) {
      var runId = null;
      try {
        runId = JSON.parse(contextJson).runId;
      } catch (e) {}
      return runWorker(name, inputJson, contextJson)
        .then(
          function (r) {
            if (r.status === 'retry') return '{"status":"retry"}';
            return JSON.stringify({ status: r.status, output: r.output });
          },
          function (e) {
            return JSON.stringify({
              status: 'failure',
              output: {},
              error: { name: e.name || 'Error', message: String(e.message), stack: String(e.stack || '') },
            });
          },
        )
        .finally(function () {
          delete runs[runId];
        });
    },
    stop: function (runId, reason) {
      var state = runs[runId];
      if (!state || state.aborted) return;
      state.aborted = true;
      state.reason = reason;
      state.listeners.forEach(function (fn) {
        fn();
      });
    },
  });
})();
