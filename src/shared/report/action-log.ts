import * as core from '@actions/core';
import type { Annotation, Log } from './log.js';

/** The Actions log: annotations for warnings and errors, masking through the runner. */
export class ActionLog implements Log {
  info(message: string): void {
    core.info(message);
  }
  warn(message: string, annotation?: Annotation): void {
    core.warning(message, toProperties(annotation));
  }
  error(message: string, annotation?: Annotation): void {
    core.error(message, toProperties(annotation));
  }
  debug(message: string): void {
    core.debug(message);
  }
  setSecret(value: string): void {
    core.setSecret(value);
    // The runner masks line by line: register each line of a multi-line secret.
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) core.setSecret(line.trim());
  }
  group<T>(title: string, body: () => Promise<T>): Promise<T> {
    return core.group(title, body);
  }
}

function toProperties(annotation: Annotation | undefined): core.AnnotationProperties {
  if (!annotation) return {};
  const props: core.AnnotationProperties = {};
  if (annotation.file) props.file = annotation.file;
  if (annotation.line) props.startLine = annotation.line;
  if (annotation.title) props.title = annotation.title;
  return props;
}
