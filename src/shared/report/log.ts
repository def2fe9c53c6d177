import { renderSettingRefs } from '../settings/names.js';

/** Where an operation reports progress: the Actions log (with annotations) or a terminal. */
export interface Annotation {
  readonly file?: string;
  readonly line?: number;
  readonly title?: string;
}

export interface Log {
  info(message: string): void;
  warn(message: string, annotation?: Annotation): void;
  error(message: string, annotation?: Annotation): void;
  debug(message: string): void;
  /** Never print this value again: the Actions log masks it, the CLI log replaces it. */
  setSecret(value: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

/** The CLI's log: human lines on stderr (stdout is kept for results such as --format json). */
export class ConsoleLog implements Log {
  private readonly secrets = new Set<string>();
  private readonly write: (line: string) => void;
  private readonly verbose: boolean;
  constructor(
    write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    verbose = process.env['GATEWAY_OPS_DEBUG'] === '1',
  ) {
    this.write = write;
    this.verbose = verbose;
  }
  /** Masks secrets, and names settings as the CLI user writes them (`--force`). */
  mask(text: string): string {
    let out = renderSettingRefs(text, 'cli');
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
  }
  info(message: string): void {
    this.write(this.mask(message));
  }
  warn(message: string, annotation?: Annotation): void {
    this.write(this.mask(`warning: ${where(annotation)}${message}`));
  }
  error(message: string, annotation?: Annotation): void {
    this.write(this.mask(`error: ${where(annotation)}${message}`));
  }
  debug(message: string): void {
    if (this.verbose) this.write(this.mask(`debug: ${message}`));
  }
  setSecret(value: string): void {
    // Mask each line of multi-line secrets too: a key's body is printed line by line.
    for (const part of [value, ...value.split(/\r?\n/)])
      if (part.trim().length >= 4) this.secrets.add(part.trim());
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.write(this.mask(`== ${title}`));
    return body();
  }
}

function where(annotation: Annotation | undefined): string {
  if (!annotation?.file) return '';
  return `${annotation.file}${annotation.line ? `:${annotation.line}` : ''}: `;
}
