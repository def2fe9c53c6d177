/**
 * A loopback HTTP server answering the few GitHub REST/GraphQL calls migration-check makes, so
 * the action's real Octokit (undici's fetch, which nock cannot intercept) is exercised end to end.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string };
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: { name: string }[];
  html_url: string;
  user: { login: string };
}

export interface FakeGitHubServer {
  url: string;
  comments: Map<number, FakeComment[]>;
  /** Issues by number (comments on them are in `comments`); labels are created with the first issue using them. */
  issues: Map<number, FakeIssue>;
  labels: Set<string>;
  requests: { method: string; path: string; authorization: string | undefined }[];
  /** Answer comment writes with this HTTP status (403: a fork's read-only token). */
  denyWrites: boolean;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(data));
  });
}

export async function startFakeGitHub(login = 'github-actions[bot]'): Promise<FakeGitHubServer> {
  let nextId = 1000;
  const state: Omit<FakeGitHubServer, 'url' | 'close'> = {
    comments: new Map(),
    issues: new Map(),
    labels: new Set(),
    requests: [],
    denyWrites: false,
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      authorization: req.headers.authorization,
    });
    const text = await body(req);
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const issueComments = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const oneComment = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    const issues = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(url.pathname);
    const oneIssue = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(url.pathname);
    if (issues && req.method === 'GET') {
      const wantedState = url.searchParams.get('state') ?? 'open';
      const wanted = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
      const list = [...state.issues.values()].filter(
        (i) =>
          (wantedState === 'all' || i.state === wantedState) &&
          wanted.every((l) => i.labels.some((label) => label.name === l)),
      );
      const page = Number(url.searchParams.get('page') ?? '1');
      const per = Number(url.searchParams.get('per_page') ?? '30');
      return send(200, list.slice((page - 1) * per, page * per));
    }
    if (issues && req.method === 'POST') {
      if (state.denyWrites) return send(403, { message: 'Resource not accessible by integration' });
      const input = JSON.parse(text) as { title: string; body?: string; labels?: string[] };
      const number = state.issues.size + 1;
      for (const label of input.labels ?? []) state.labels.add(label);
      const issue: FakeIssue = {
        number,
        title: input.title,
        body: input.body ?? '',
        state: 'open',
        state_reason: null,
        labels: (input.labels ?? []).map((name) => ({ name })),
        html_url: `https://github.example/${issues[1]}/${issues[2]}/issues/${number}`,
        user: { login },
      };
      state.issues.set(number, issue);
      return send(201, issue);
    }
    if (oneIssue && req.method === 'PATCH') {
      if (state.denyWrites) return send(403, { message: 'Resource not accessible by integration' });
      const issue = state.issues.get(Number(oneIssue[1]));
      if (!issue) return send(404, { message: 'Not Found' });
      const input = JSON.parse(text) as Partial<FakeIssue>;
      if (input.body !== undefined) issue.body = input.body;
      if (input.title !== undefined) issue.title = input.title;
      if (input.state !== undefined) issue.state = input.state;
      if (input.state_reason !== undefined) issue.state_reason = input.state_reason;
      return send(200, issue);
    }
    if (req.method === 'POST' && url.pathname === '/graphql')
      return send(200, { data: { viewer: { login } } });
    if (issueComments) {
      const issue = Number(issueComments[1]);
      const list = state.comments.get(issue) ?? [];
      if (req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const per = Number(url.searchParams.get('per_page') ?? '30');
        return send(200, list.slice((page - 1) * per, page * per));
      }
      if (req.method === 'POST') {
        if (state.denyWrites) return send(403, { message: 'Resource not accessible by integration' });
        const comment = { id: nextId++, body: JSON.parse(text).body as string, user: { login } };
        state.comments.set(issue, [...list, comment]);
        return send(201, comment);
      }
    }
    if (req.method === 'PATCH' && oneComment) {
      if (state.denyWrites) return send(403, { message: 'Resource not accessible by integration' });
      for (const list of state.comments.values()) {
        for (const c of list) if (c.id === Number(oneComment[1])) c.body = JSON.parse(text).body;
      }
      return send(200, {});
    }
    send(404, { message: `fake GitHub: no route for ${req.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
