// pino, with redaction of everything that may carry a secret or personal data.
// Free text about people never goes to the log in the first place; redaction is the net under that.
import pino, { type DestinationStream, type Logger } from 'pino';

export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'token',
  '*.token',
  'password',
  '*.password',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    options.destination,
  );
}
