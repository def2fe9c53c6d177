import {
  blockKind,
  boolKind,
  choiceKind,
  listKind,
  nameKind,
  pathKind,
  patternKind,
  textKind,
} from '../kinds.js';
import { setting, settingWithDefault } from '../types.js';

const REF = patternKind(/^[A-Za-z0-9_./@^~{}-]+$/, 'a git ref (branch, tag or commit)', '<ref>');

export const migrationSettings = {
  repo: settingWithDefault({
    localPath: true,
    description: 'The git repository (working tree) to check.',
    kind: pathKind(),
    default: '.',
    commands: ['migration-check'],
  }),
  base: setting({
    description: "The base branch or commit. In the action: the pull request's base, or the pushed branch.",
    kind: REF,
    commands: ['migration-check'],
    surfaces: { action: true, cli: true, config: true },
  }),
  head: settingWithDefault({
    description: 'The head to compare with the base.',
    kind: REF,
    default: 'HEAD',
    commands: ['migration-check'],
    surfaces: { action: false, cli: true, config: false },
  }),
  format: settingWithDefault({
    description: "Output format of the CLI's result on stdout: text, or json (one JSON object).",
    kind: choiceKind(['text', 'json'] as const),
    default: 'text' as 'text' | 'json',
    commands: ['migration-check', 'backup', 'verify', 'status', 'health', 'set-watermarks'],
    surfaces: { action: false, cli: true, config: false },
  }),
  fix: settingWithDefault({
    description:
      "Apply the rebase plan to the working tree (what 'rebase_migration' would do), without Django.",
    kind: boolKind(),
    default: false,
    commands: ['migration-check'],
    surfaces: { action: false, cli: true, config: false },
  }),
  'manage-command': settingWithDefault({
    description:
      "The command prefix in suggested fixes, e.g. 'docker exec -it sds-gateway-local-app python manage.py'.",
    kind: textKind('<command>', 'a command'),
    default: 'python manage.py',
    commands: ['migration-check'],
  }),
  apps: setting({
    description:
      "App labels to check by django-linear-migrations' rules. Default: every app of a project where one app has migrations/max_migration.txt (every app with migrations is checked for two leaves).",
    kind: listKind(nameKind('an app label')),
    commands: ['migration-check'],
  }),
  'allow-no-apps': settingWithDefault({
    description:
      "Pass when no app has migrations/max_migration.txt and 'apps' is not set (by default that is a settings error: nothing would be checked).",
    kind: boolKind(),
    default: false,
    commands: ['migration-check'],
  }),
  'exclude-apps': settingWithDefault({
    description: 'App labels never checked.',
    kind: listKind(nameKind('an app label')),
    default: [] as string[],
    commands: ['migration-check'],
  }),
  'github-token': setting({
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, shown to the user as is
      'Token to comment on pull requests (needs pull-requests: write) and to open alert issues (alert-issue, needs issues: write); usually ${{ github.token }}.',
    kind: blockKind('a GitHub token'),
    commands: ['migration-check', 'backup', 'verify'],
    secret: true,
    surfaces: { action: true, cli: false, config: false },
  }),
};
