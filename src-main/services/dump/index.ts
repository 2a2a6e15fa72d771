export { DumpService, dumpStamp, redactFile, type DumpRunOptions, type DumpServiceDeps } from './service';
export { collectServer, type CollectDeps, type CollectedFile } from './bmc-collect';
export { redactValue, SecretScrubber, REDACTED } from './redact';
