// The `docker` test double. Installed by the bench as `<state>/bin/docker` with a `#!<node>` line.
// Runs the requested command ON THE HOST with the container's environment, and appends one JSON line
// per call ({argv, time, exitCode, durationMs, user}) to `<state>/calls.jsonl`.
//
// State (written by test/services/docker.ts):
//   <state>/containers/<name>.json  {name, env: {K: V}, running, image, labels, networks}
//   <state>/compose.json            {services: {<service>: <container name>}}
// Supported: docker exec, inspect, ps, start, stop, restart, version, compose stop|start|restart|up|ps.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATE = process.env.GWOPS_DOCKER_STATE || dirname(dirname(fileURLToPath(import.meta.url)));
const started = Date.now();
const argv = process.argv.slice(2);

function log(exitCode) {
  let user = '';
  try {
    user = userInfo().username;
  } catch {}
  const line = JSON.stringify({
    argv: ['docker', ...argv],
    time: new Date(started).toISOString(),
    exitCode,
    durationMs: Date.now() - started,
    user,
  });
  try {
    appendFileSync(join(STATE, 'calls.jsonl'), `${line}\n`);
  } catch {}
}

function finish(code, message) {
  if (message) process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  log(code);
  process.exit(code);
}

const idOf = (name) => createHash('sha256').update(`gwops-bench:${name}`).digest('hex');
const containerFile = (name) => join(STATE, 'containers', `${name}.json`);

function loadContainer(name) {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return undefined;
  const file = containerFile(name);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  // docker also accepts an ID prefix
  return allContainers().find((c) => name.length >= 4 && idOf(c.name).startsWith(name));
}

function allContainers() {
  const dir = join(STATE, 'containers');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function saveContainer(container) {
  const file = containerFile(container.name);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(container, null, 2));
  renameSync(tmp, file);
}

function setRunning(container, running) {
  const now = new Date().toISOString();
  if (running && !container.running) container.startedAt = now;
  if (!running && container.running) container.finishedAt = now;
  container.running = running;
  saveContainer(container);
}

function inspectObject(c) {
  const env = Object.entries(c.env || {}).map(([k, v]) => `${k}=${v}`);
  const networks = {};
  for (const net of c.networks || ['bridge']) {
    networks[net] = {
      IPAddress: '127.0.0.1',
      Gateway: '127.0.0.1',
      IPPrefixLen: 8,
      MacAddress: '02:42:7f:00:00:01',
      NetworkID: idOf(`net:${net}`),
      Aliases: [c.name],
    };
  }
  return {
    Id: idOf(c.name),
    Created: c.createdAt || '2026-01-01T00:00:00.000000000Z',
    Path: 'docker-entrypoint.sh',
    Args: [],
    State: {
      Status: c.running ? 'running' : 'exited',
      Running: !!c.running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: c.running ? 1 : 0,
      ExitCode: c.running ? 0 : c.exitCode || 0,
      Error: '',
      StartedAt: c.startedAt || '0001-01-01T00:00:00Z',
      FinishedAt: c.finishedAt || '0001-01-01T00:00:00Z',
    },
    Image: `sha256:${idOf(`image:${c.image || 'bench'}`)}`,
    Name: `/${c.name}`,
    RestartCount: 0,
    Mounts: [],
    Config: {
      Hostname: idOf(c.name).slice(0, 12),
      User: '',
      Env: env,
      Image: c.image || 'bench',
      WorkingDir: '',
      Labels: c.labels || {},
    },
    NetworkSettings: { IPAddress: '', Networks: networks, Ports: {} },
  };
}

function psObject(c) {
  const labels = c.labels || {};
  return {
    Command: '"docker-entrypoint.s…"',
    CreatedAt: '2026-01-01 00:00:00 +0000 UTC',
    ID: idOf(c.name).slice(0, 12),
    Image: c.image || 'bench',
    Labels: Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    LocalVolumes: '0',
    Mounts: '',
    Names: c.name,
    Networks: (c.networks || ['bridge']).join(','),
    Ports: '',
    RunningFor: 'About an hour ago',
    Size: '0B',
    State: c.running ? 'running' : 'exited',
    Status: c.running ? 'Up About an hour' : `Exited (${c.exitCode || 0}) About a minute ago`,
  };
}

// ---- a small subset of Go templates: {{.A.B}}, {{json .X}}, {{index .X "k"}}, {{range .X}}..{{end}},
// {{range $k, $v := .X}}..{{end}}, {{println .}}, {{if .X}}..{{else}}..{{end}}, {{lower .X}}, {{upper .X}}
function goString(value) {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  return `map[${Object.keys(value)
    .sort()
    .map((k) => `${k}:${goString(value[k])}`)
    .join(' ')}]`;
}

function tokenize(template) {
  const tokens = [];
  const re = /\{\{-?\s*(.*?)\s*-?\}\}/gs;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) tokens.push({ text: template.slice(last, m.index) });
    tokens.push({ action: m[1] });
    last = re.lastIndex;
  }
  if (last < template.length) tokens.push({ text: template.slice(last) });
  return tokens;
}

function parseTemplate(tokens, pos, stopAt) {
  const nodes = [];
  while (pos < tokens.length) {
    const t = tokens[pos];
    if (t.text !== undefined) {
      nodes.push(t);
      pos++;
      continue;
    }
    const a = t.action;
    if (stopAt.includes(a)) return { nodes, pos };
    if (a.startsWith('range ') || a.startsWith('if ') || a.startsWith('with ')) {
      const kind = a.split(' ')[0];
      const body = parseTemplate(tokens, pos + 1, ['end', 'else']);
      let elseNodes = [];
      pos = body.pos;
      if (tokens[pos]?.action === 'else') {
        const e = parseTemplate(tokens, pos + 1, ['end']);
        elseNodes = e.nodes;
        pos = e.pos;
      }
      if (tokens[pos]?.action !== 'end') throw new Error(`template: unexpected EOF in ${kind}`);
      nodes.push({ block: kind, expr: a.slice(kind.length + 1).trim(), body: body.nodes, elseNodes });
      pos++;
      continue;
    }
    nodes.push({ expr: a });
    pos++;
  }
  return { nodes, pos };
}

function splitArgs(expr) {
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(expr); m; m = re.exec(expr))
    out.push(m[1] !== undefined ? { str: JSON.parse(`"${m[1]}"`) } : m[2]);
  return out;
}

function resolvePath(word, dot, vars) {
  if (typeof word === 'object') return word.str;
  if (word === '.') return dot;
  let base = dot;
  let rest = word;
  if (word.startsWith('$')) {
    const name = word.match(/^\$\w*/)[0];
    base = vars[name];
    rest = word.slice(name.length);
  }
  for (const part of rest.split('.').filter(Boolean)) {
    if (base === undefined || base === null) return undefined;
    base = base[part];
  }
  return base;
}

function evalPipeline(expr, dot, vars) {
  let value;
  let first = true;
  for (const stage of expr.split('|').map((s) => s.trim())) {
    const args = splitArgs(stage);
    const fn = args[0];
    const rest = args.slice(1).map((w) => resolvePath(w, dot, vars));
    if (!first) rest.push(value);
    first = false;
    if (fn === 'json') value = JSON.stringify(rest[0]);
    else if (fn === 'index') value = rest.slice(1).reduce((v, k) => (v == null ? undefined : v[k]), rest[0]);
    else if (fn === 'println') value = `${rest.map(goString).join(' ')}\n`;
    else if (fn === 'print') value = rest.map(goString).join('');
    else if (fn === 'lower') value = goString(rest[0]).toLowerCase();
    else if (fn === 'upper') value = goString(rest[0]).toUpperCase();
    else if (fn === 'len')
      value = Array.isArray(rest[0]) ? rest[0].length : Object.keys(rest[0] || {}).length;
    else if (fn === 'join') value = (rest[0] || []).join(rest[1]);
    else if (typeof fn === 'object' || fn.startsWith('.') || fn.startsWith('$'))
      value = resolvePath(fn, dot, vars);
    else throw new Error(`template: function "${fn}" not defined`);
  }
  return value;
}

function truthy(v) {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

function render(nodes, dot, vars) {
  let out = '';
  for (const n of nodes) {
    if (n.text !== undefined) out += n.text;
    else if (n.block === 'range') {
      const m = n.expr.match(/^(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*(.*)$/);
      const coll = evalPipeline(m ? m[3] : n.expr, dot, vars);
      const entries = Array.isArray(coll)
        ? coll.map((v, i) => [i, v])
        : coll && typeof coll === 'object'
          ? Object.keys(coll)
              .sort()
              .map((k) => [k, coll[k]])
          : [];
      if (entries.length === 0) out += render(n.elseNodes, dot, vars);
      for (const [k, v] of entries) {
        const inner = { ...vars };
        if (m?.[2]) {
          inner[m[1]] = k;
          inner[m[2]] = v;
        } else if (m) inner[m[1]] = v;
        out += render(n.body, v, inner);
      }
    } else if (n.block === 'if' || n.block === 'with') {
      const v = evalPipeline(n.expr, dot, vars);
      if (truthy(v)) out += render(n.body, n.block === 'with' ? v : dot, vars);
      else out += render(n.elseNodes, dot, vars);
    } else {
      const m = n.expr.match(/^(\$\w+)\s*:=\s*(.*)$/);
      if (m) vars[m[1]] = evalPipeline(m[2], dot, vars);
      else out += goString(evalPipeline(n.expr, dot, vars));
    }
  }
  return out;
}

function applyFormat(format, object) {
  const { nodes } = parseTemplate(tokenize(format), 0, []);
  return render(nodes, object, { $: object });
}

// ---- option parsing
function takeValue(args, i, flag) {
  const a = args[i];
  if (a.includes('=') && a.startsWith('--')) return [a.slice(a.indexOf('=') + 1), i + 1];
  if (!a.startsWith('--') && a.length > 2) return [a.slice(2), i + 1];
  if (i + 1 >= args.length) finish(125, `flag needs an argument: ${flag}`);
  return [args[i + 1], i + 2];
}

function cmdExec(args) {
  let interactive = false;
  let tty = false;
  let detach = false;
  const env = [];
  const envFiles = [];
  let workdir;
  let i = 0;
  for (; i < args.length; ) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--') {
      i++;
      break;
    }
    const name = a.startsWith('--') ? a.split('=')[0] : a.slice(0, 2);
    if (name === '--interactive') {
      interactive = true;
      i++;
    } else if (name === '--tty') {
      tty = true;
      i++;
    } else if (name === '--detach') {
      detach = true;
      i++;
    } else if (name === '--privileged') i++;
    else if (name === '-e' || name === '--env') {
      const [v, n] = takeValue(args, i, name);
      env.push(v);
      i = n;
    } else if (name === '--env-file') {
      const [v, n] = takeValue(args, i, name);
      envFiles.push(v);
      i = n;
    } else if (name === '-u' || name === '--user') i = takeValue(args, i, name)[1];
    else if (name === '-w' || name === '--workdir') {
      const [v, n] = takeValue(args, i, name);
      workdir = v;
      i = n;
    } else if (/^-[itd]+$/.test(a)) {
      for (const ch of a.slice(1)) {
        if (ch === 'i') interactive = true;
        if (ch === 't') tty = true;
        if (ch === 'd') detach = true;
      }
      i++;
    } else finish(125, `unknown flag: ${a}\nSee 'docker exec --help'.`);
  }
  const name = args[i];
  const command = args.slice(i + 1);
  if (!name || command.length === 0) {
    finish(
      1,
      '"docker exec" requires at least 2 arguments.\nSee \'docker exec --help\'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container',
    );
  }
  if (tty && !process.stdin.isTTY) finish(1, 'the input device is not a TTY');
  const container = loadContainer(name);
  if (!container) finish(1, `Error response from daemon: No such container: ${name}`);
  if (!container.running)
    finish(1, `Error response from daemon: container ${idOf(container.name)} is not running`);

  const childEnv = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: idOf(container.name).slice(0, 12),
    HOME: process.env.HOME || '/',
    ...container.env,
  };
  const assign = (spec) => {
    const eq = spec.indexOf('=');
    if (eq === -1) {
      // `-e NAME`: docker takes the value from the client's environment (or drops it when unset)
      if (process.env[spec] !== undefined) childEnv[spec] = process.env[spec];
      else delete childEnv[spec];
    } else childEnv[spec.slice(0, eq)] = spec.slice(eq + 1);
  };
  for (const file of envFiles) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      finish(125, `open ${file}: no such file or directory`);
    }
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed && !trimmed.startsWith('#')) assign(line.replace(/^\s+/, ''));
    }
  }
  for (const spec of env) assign(spec);

  const cwd = workdir || process.env.HOME || '/';
  try {
    if (!statSync(cwd).isDirectory()) throw new Error('not a dir');
  } catch {
    finish(
      126,
      `OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("${cwd}") set in config.json failed: no such file or directory: unknown`,
    );
  }
  const child = spawn(command[0], command.slice(1), {
    env: childEnv,
    cwd,
    stdio: [interactive ? 'inherit' : 'ignore', 'inherit', 'inherit'],
    detached: detach,
  });
  child.on('error', (error) => {
    if (error.code === 'ENOENT') {
      finish(
        127,
        `OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`,
      );
    }
    finish(
      126,
      `OCI runtime exec failed: exec failed: unable to start container process: ${error.message}: unknown`,
    );
  });
  if (detach) {
    child.unref();
    child.on('spawn', () => finish(0));
    return;
  }
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2']) {
    process.on(sig, () => {
      try {
        child.kill(sig);
      } catch {}
    });
  }
  child.on('exit', (code, signal) => {
    if (signal) {
      const signum = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 }[signal] ?? 1;
      finish(128 + signum);
    }
    finish(code ?? 1);
  });
}

function cmdInspect(args) {
  let format;
  const names = [];
  for (let i = 0; i < args.length; ) {
    const a = args[i];
    if (a === '-f' || a === '--format' || a.startsWith('--format=')) {
      const [v, n] = takeValue(args, i, a);
      format = v;
      i = n;
    } else if (a === '--type' || a.startsWith('--type=')) i = takeValue(args, i, a)[1];
    else if (a === '-s' || a === '--size') i++;
    else {
      names.push(a);
      i++;
    }
  }
  if (names.length === 0) finish(1, '"docker inspect" requires at least 1 argument.');
  const found = [];
  const missing = [];
  for (const name of names) {
    const c = loadContainer(name);
    if (c) found.push(inspectObject(c));
    else missing.push(name);
  }
  try {
    if (format !== undefined) {
      for (const o of found) process.stdout.write(`${applyFormat(format, o)}\n`);
    } else process.stdout.write(`${JSON.stringify(found, null, 4)}\n`);
  } catch (error) {
    finish(1, `${error.message}`);
  }
  if (missing.length > 0) finish(1, missing.map((m) => `Error: No such object: ${m}`).join('\n'));
  finish(0);
}

function cmdPs(args) {
  let all = false;
  let quiet = false;
  let format;
  const filters = [];
  for (let i = 0; i < args.length; ) {
    const a = args[i];
    if (a === '-a' || a === '--all') {
      all = true;
      i++;
    } else if (a === '-q' || a === '--quiet') {
      quiet = true;
      i++;
    } else if (a === '--no-trunc' || a === '-s' || a === '--size') i++;
    else if (a === '-aq' || a === '-qa') {
      all = true;
      quiet = true;
      i++;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const [v, n] = takeValue(args, i, a);
      format = v;
      i = n;
    } else if (a === '-f' || a === '--filter' || a.startsWith('--filter=')) {
      const [v, n] = takeValue(args, i, a);
      filters.push(v);
      i = n;
    } else finish(125, `unknown flag: ${a}\nSee 'docker ps --help'.`);
  }
  let list = allContainers().filter((c) => all || c.running);
  for (const f of filters) {
    const eq = f.indexOf('=');
    const key = f.slice(0, eq);
    const value = f.slice(eq + 1);
    if (key === 'name') {
      // like docker: a regular expression matched anywhere in the name (so `name=postgres` matches substrings)
      const re = new RegExp(value.replace(/^\^\//, '^'));
      list = list.filter((c) => re.test(c.name) || re.test(`/${c.name}`));
    } else if (key === 'status') list = list.filter((c) => (c.running ? 'running' : 'exited') === value);
    else if (key === 'label') {
      const [lk, lv] = value.split('=');
      list = list.filter((c) => c.labels?.[lk] !== undefined && (lv === undefined || c.labels[lk] === lv));
    } else if (key === 'id') list = list.filter((c) => idOf(c.name).startsWith(value));
    else finish(1, `Error response from daemon: invalid filter '${key}'`);
  }
  const rows = list.map(psObject);
  if (quiet) {
    for (const r of rows) process.stdout.write(`${r.ID}\n`);
  } else if (format !== undefined && format !== 'table') {
    const isTable = format.startsWith('table ');
    const f = isTable ? format.slice(6) : format;
    if (isTable) process.stdout.write(`${f.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, k) => k.toUpperCase())}\n`);
    try {
      for (const r of rows) process.stdout.write(`${applyFormat(f === 'json' ? '{{json .}}' : f, r)}\n`);
    } catch (error) {
      finish(1, error.message);
    }
  } else {
    process.stdout.write(
      'CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS              PORTS     NAMES\n',
    );
    for (const r of rows) {
      process.stdout.write(
        `${r.ID}   ${r.Image}     ${r.Command}   ${r.RunningFor}   ${r.Status}             ${r.Names}\n`,
      );
    }
  }
  finish(0);
}

function cmdStartStop(verb, args) {
  const names = args.filter((a) => !a.startsWith('-'));
  let code = 0;
  for (const name of names) {
    const c = loadContainer(name);
    if (!c) {
      process.stderr.write(`Error response from daemon: No such container: ${name}\n`);
      code = 1;
      continue;
    }
    if (verb === 'stop') setRunning(c, false);
    else if (verb === 'start') setRunning(c, true);
    else {
      setRunning(c, false);
      setRunning(c, true);
    }
    process.stdout.write(`${name}\n`);
  }
  finish(code);
}

function cmdCompose(args) {
  let i = 0;
  const withValue = new Set([
    '-f',
    '--file',
    '-p',
    '--project-name',
    '--project-directory',
    '--env-file',
    '--profile',
  ]);
  for (; i < args.length; ) {
    const a = args[i];
    if (!a.startsWith('-')) break;
    const name = a.split('=')[0];
    if (withValue.has(name)) i = a.includes('=') ? i + 1 : i + 2;
    else i++;
  }
  const sub = args[i];
  const rest = args.slice(i + 1);
  let mapping = { services: {} };
  try {
    mapping = JSON.parse(readFileSync(join(STATE, 'compose.json'), 'utf8'));
  } catch {}
  const services = rest.filter((a) => !a.startsWith('-'));
  const selected = services.length > 0 ? services : Object.keys(mapping.services);
  for (const s of selected) {
    if (!(s in mapping.services)) finish(1, `no such service: ${s}`);
  }
  const each = (label, done, running) => {
    for (const s of selected) {
      const c = loadContainer(mapping.services[s]);
      if (!c) finish(1, `Error response from daemon: No such container: ${mapping.services[s]}`);
      process.stderr.write(` Container ${c.name}  ${label}\n`);
      setRunning(c, running);
      process.stderr.write(` Container ${c.name}  ${done}\n`);
    }
    finish(0);
  };
  if (sub === 'stop' || sub === 'down') each('Stopping', 'Stopped', false);
  else if (sub === 'start') each('Starting', 'Started', true);
  else if (sub === 'restart') each('Restarting', 'Started', true);
  else if (sub === 'up') {
    if (!rest.includes('-d') && !rest.includes('--detach'))
      finish(1, 'bench docker double: use `docker compose up -d`');
    each('Starting', 'Started', true);
  } else if (sub === 'ps') {
    for (const s of selected) {
      const c = loadContainer(mapping.services[s]);
      if (c && (c.running || rest.includes('-a') || rest.includes('--all'))) {
        process.stdout.write(`${c.name}   ${s}   ${c.running ? 'running' : 'exited'}\n`);
      }
    }
    finish(0);
  } else finish(1, `bench docker double: unsupported compose command: ${sub ?? '(none)'}`);
}

const main = () => {
  let i = 0;
  // global options
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    if (a === '--version' || a === '-v') {
      process.stdout.write('Docker version 27.0.0-bench-double, build bench\n');
      finish(0);
    }
    if (['-H', '--host', '--context', '-c', '--config', '-l', '--log-level'].includes(a)) i += 2;
    else i++;
  }
  const cmd = argv[i];
  const args = argv.slice(i + 1);
  switch (cmd) {
    case 'exec':
      return cmdExec(args);
    case 'inspect':
      return cmdInspect(args);
    case 'container':
      if (args[0] === 'inspect') return cmdInspect(args.slice(1));
      if (args[0] === 'ls') return cmdPs(args.slice(1));
      break;
    case 'ps':
      return cmdPs(args);
    case 'start':
    case 'stop':
    case 'restart':
      return cmdStartStop(cmd, args);
    case 'compose':
      return cmdCompose(args);
    case 'version':
      process.stdout.write('Client: Docker Engine - bench double\n Version: 27.0.0-bench-double\n');
      return finish(0);
  }
  finish(1, `docker: '${cmd ?? ''}' is not a docker command (bench double).\nSee 'docker --help'`);
};

try {
  main();
} catch (error) {
  finish(1, `bench docker double: ${error?.stack ?? error}`);
}
