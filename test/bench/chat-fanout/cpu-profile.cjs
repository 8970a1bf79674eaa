// Preloaded into the api process when the benchmark runs with --cpu-prof: a `start` line on stdin starts the V8
// sampling profiler, a `stop` line stops it and writes the profile to $BENCH_CPU_PROF_FILE, so the profile covers
// exactly the measured window (not boot, not the viewers joining). Not signals: Nest's shutdown hooks claim
// SIGUSR2 and the others.
const fs = require('node:fs');
const inspector = require('node:inspector');

const session = new inspector.Session();
session.connect();

function start() {
  session.post('Profiler.enable', () =>
    session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
  );
}

function stop() {
  session.post('Profiler.stop', (error, result) => {
    if (error) {
      process.stderr.write(`cpu profile failed: ${error.message}\n`);
      return;
    }
    fs.writeFileSync(process.env.BENCH_CPU_PROF_FILE, JSON.stringify(result.profile));
    process.stderr.write(`cpu profile written to ${process.env.BENCH_CPU_PROF_FILE}\n`);
  });
}

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (line === 'start') start();
    else if (line === 'stop') stop();
  }
});
process.stdin.unref?.();
