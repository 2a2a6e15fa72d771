import type { MessageParams } from '../messages';

/**
 * `fieldkit dump`: one archive of everything support needs
 * (FieldKitDump.<yyyymmddHHMMSS>.tar.gz, time in UTC).
 */

export interface DumpOptionsModel {
  /** Servers to read from their BMCs (default: every server of the inventory). */
  servers?: string[];
  /** Skip every BMC: only FieldKit's own files. */
  noBmc?: boolean;
}

/** What went wrong on one step of one server; the dump goes on. */
export interface DumpStepError {
  step: string;
  /** The BMC address concerned, where one is. */
  bmc?: string;
  errorId: string;
  /** The values of the message: a reader renders it in the language of the moment (older dumps have none). */
  params?: MessageParams;
  /** English text, for support reading errors.json without FieldKit. */
  message: string;
}

export interface DumpServerSummary {
  server: string;
  /** "primary 127.0.0.1:623": who answered the reads. */
  answeredBy?: string;
  /** Steps written (device, chassis, sdr, sensors, slots, sel, fru). */
  collected: string[];
  errors: DumpStepError[];
}

export interface DumpManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface DumpManifest {
  format: 1;
  createdAt: string;
  fieldkit: { name: string; version: string };
  node: string;
  platform: string;
  arch: string;
  servers: DumpServerSummary[];
  /** Every other file of the archive (not manifest.json itself). */
  files: DumpManifestFile[];
}

export interface DumpResult {
  /** Full path of the .tar.gz written. */
  file: string;
  bytes: number;
  fileCount: number;
  servers: DumpServerSummary[];
  elapsedMs: number;
}

export interface DumpProgress {
  step: string;
  server?: string;
  done: number;
  total: number;
}
