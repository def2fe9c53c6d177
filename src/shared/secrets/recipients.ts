import { Encrypter } from 'age-encryption';
import { ConfigurationError } from '../errors.js';

/**
 * An encrypter for the recipients, each checked by the age library itself (bech32 checksum, key
 * length), so a mistyped key is a settings error before anything is written, never an archive
 * nobody can open. `setting` is the name in the user's form (input `age-recipients`, `--age-recipients`).
 */
export function encrypterFor(recipients: readonly string[], setting = 'age-recipients'): Encrypter {
  const encrypter = new Encrypter();
  const problems: string[] = [];
  for (const [index, recipient] of recipients.entries()) {
    if (!recipient.startsWith('age1') || recipient.startsWith('age1pq1') || recipient.startsWith('age1tag')) {
      problems.push(
        `Invalid setting '${setting}': entry ${index + 1} is not an age X25519 public key: expected 'age1' followed by 58 bech32 characters (from 'age-keygen -y'), found '${shorten(recipient)}'.`,
      );
      continue;
    }
    try {
      encrypter.addRecipient(recipient);
    } catch {
      problems.push(
        `Invalid setting '${setting}': entry ${index + 1} ('${shorten(recipient)}') is not a valid age public key (its checksum or length is wrong: copy it again from 'age-keygen -y').`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return encrypter;
}

function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 12)}...${text.slice(-8)}` : text;
}
