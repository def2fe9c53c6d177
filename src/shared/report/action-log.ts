import * as core from '@actions/core';
import { renderSettingRefs } from '../settings/names.js';
import type { Annotation, Log } from './log.js';

/** The Actions log: annotations for warnings and errors, masking through the runner, settings named as inputs. */
export class ActionLog implements Log {
  info(message: string): void {
    core.info(renderSettingRefs(message, 'action'));
  }
  warn(message: string, annotation?: Annotation): void {
    core.warning(renderSettingRefs(message, 'action'), toProperties(annotation));
  }
  error(message: string, annotation?: Annotation): void {
    core.error(renderSettingRefs(message, 'action'), toProperties(annotation));
  }
  debug(message: string): void {
    core.debug(renderSettingRefs(message, 'action'));
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
